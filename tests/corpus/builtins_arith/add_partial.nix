map (builtins.add 10) [ 1 2 3 ]
