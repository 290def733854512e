[ (builtins.bitOr 6 3) (builtins.bitOr 0 0) (builtins.bitOr (-8) 7) ]
