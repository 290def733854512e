# the accumulator is forced at every step
builtins.foldl' (a: b: b) 0 [ 1 (throw "x") 3 ]
