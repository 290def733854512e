[ (builtins.lessThan 1 1.5) (builtins.lessThan 2.0 2) (builtins.lessThan [ 1 ] [ 2 ]) ]
