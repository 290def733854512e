# keeps the names of the first set, values of the second
builtins.intersectAttrs { a = null; c = null; } { a = 1; b = 2; c = 3; }
