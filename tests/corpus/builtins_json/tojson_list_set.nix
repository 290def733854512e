builtins.toJSON { b = [ 1 2 ]; a = { c = "x"; }; }
