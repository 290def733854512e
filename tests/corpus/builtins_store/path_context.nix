builtins.getContext (builtins.path { path = ./data/single.txt; })
