toString { outPath = "/out/path"; }
