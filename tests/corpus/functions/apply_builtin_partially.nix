let m = builtins.map (x: x * x); in m [ 1 2 3 ]
