builtins.readDir ./data/none
