builtins.any (x: x > 1) [ 1 2 (throw "not reached") ]
