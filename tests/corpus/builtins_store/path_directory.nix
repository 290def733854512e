# the directory holds an executable file: its mode is part of the hash
builtins.path { path = ./data/tree; }
