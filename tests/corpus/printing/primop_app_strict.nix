[ (builtins.map (x: x)) (builtins.add 1) (builtins.foldl' (a: b: a)) ]
