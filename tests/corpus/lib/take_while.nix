let takeWhile = pred: l: if l == [ ] || !(pred (builtins.head l)) then [ ] else [ (builtins.head l) ] ++ takeWhile pred (builtins.tail l); in takeWhile (x: x < 4) [ 1 2 3 4 1 ]
