builtins.path { path = ./data/single.txt; name = "renamed.txt"; }
