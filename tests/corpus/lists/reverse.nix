let rev = l: builtins.foldl' (acc: x: [ x ] ++ acc) [ ] l; in rev [ 1 2 3 ]
