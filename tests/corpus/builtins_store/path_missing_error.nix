builtins.path { path = ./data/missing; }
