map builtins.typeOf [ (1 * 1.0) (1 / 1) (builtins.floor 1.5) (builtins.div 3 2) ]
