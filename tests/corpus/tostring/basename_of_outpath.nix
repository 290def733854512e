baseNameOf { outPath = "/x/y/z"; }
