builtins.path { path = ./data/single.txt; recursive = false; sha256 = "1nn4w2x5qc5jy5fik1bsjvqjvb2nqnhizba1sa28x538fl4l6gzj"; }
