let l = [ 1 2 3 ]; in { h = builtins.head l; t = builtins.tail l; }
