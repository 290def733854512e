builtins.path { path = ./data/single.txt; }
