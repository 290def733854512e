[ (builtins.bitAnd 6 3) (builtins.bitAnd 0 (-1)) (builtins.bitAnd (-8) 7) ]
