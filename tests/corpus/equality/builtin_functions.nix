builtins.map == builtins.map
