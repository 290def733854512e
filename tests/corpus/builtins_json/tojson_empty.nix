builtins.toJSON { a = { }; b = [ ]; c = ""; }
