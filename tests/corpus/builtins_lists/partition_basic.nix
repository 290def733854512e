builtins.partition (x: x > 3) [ 1 5 2 7 3 ]
