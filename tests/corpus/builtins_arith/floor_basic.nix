map builtins.floor [ 1.5 (-1.5) 0.0 2.999 (-0.1) ]
