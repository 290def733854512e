builtins.pathExists ./data/missing.txt
