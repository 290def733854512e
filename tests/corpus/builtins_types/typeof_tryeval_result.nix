builtins.typeOf (builtins.tryEval 1).value
