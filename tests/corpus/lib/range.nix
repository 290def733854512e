let range = first: last: if first > last then [ ] else builtins.genList (n: first + n) (last - first + 1); in [ (range 2 5) (range 5 2) ]
