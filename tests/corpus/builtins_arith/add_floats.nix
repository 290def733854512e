[ (builtins.add 1.5 2) (builtins.add 1 0.25) (builtins.typeOf (builtins.add 1 1.0)) ]
