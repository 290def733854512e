let sum = l: if l == [ ] then 0 else builtins.head l + sum (builtins.tail l); in sum [ 1 2 3 4 ]
