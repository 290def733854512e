builtins.toJSON [ 1.5 0.125 (-0.5) ]
