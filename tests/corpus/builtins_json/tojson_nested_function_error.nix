builtins.toJSON { a = [ (x: x) ]; }
