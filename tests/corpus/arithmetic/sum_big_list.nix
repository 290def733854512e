builtins.foldl' builtins.add 0 (builtins.genList (x: x) 1000)
