builtins.path { path = ./data/single.txt; name = "other-name"; } != "${./data/single.txt}"
