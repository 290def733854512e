[ (builtins.mul 6 7) (builtins.mul (-3) 3) (builtins.mul 0.5 4) (builtins.mul 0 (-1)) ]
