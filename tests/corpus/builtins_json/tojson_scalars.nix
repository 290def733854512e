map builtins.toJSON [ 1 (-5) "s" true false null ]
