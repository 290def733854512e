# the flat hash given as a recursive (NAR) hash does not match
builtins.path { path = ./data/single.txt; sha256 = "1nn4w2x5qc5jy5fik1bsjvqjvb2nqnhizba1sa28x538fl4l6gzj"; }
