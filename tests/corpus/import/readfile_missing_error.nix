builtins.readFile ./data/nothing.txt
