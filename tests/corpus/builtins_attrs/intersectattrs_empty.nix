builtins.intersectAttrs { } { a = 1; }
