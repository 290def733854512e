builtins.fromJSON "[1, -2, 3.5, 1e3, 0.25, -0.0]"
