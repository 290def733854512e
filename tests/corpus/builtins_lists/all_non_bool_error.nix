builtins.all (x: x) [ 1 ]
