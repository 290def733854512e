builtins.path { path = ./data/single.txt; colour = "blue"; }
