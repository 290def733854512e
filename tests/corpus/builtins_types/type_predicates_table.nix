let v = [ 1 "a" ]; in map (f: map f v) [ builtins.isInt builtins.isString ]
