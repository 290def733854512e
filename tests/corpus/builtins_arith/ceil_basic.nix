map builtins.ceil [ 1.5 (-1.5) 0.0 2.001 (-0.9) ]
