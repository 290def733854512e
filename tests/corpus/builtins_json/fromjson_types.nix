map builtins.typeOf (builtins.fromJSON "[1, 1.0, 1e2, 100]")
