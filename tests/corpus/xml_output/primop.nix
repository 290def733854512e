[ builtins.map (builtins.add 1) ]
