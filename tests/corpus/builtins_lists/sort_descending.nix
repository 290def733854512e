builtins.sort (a: b: a > b) [ 1 4 2 8 ]
