# foldl' forces the accumulator at each step
builtins.foldl' (acc: x: if x == 3 then throw "step 3" else acc + x) 0 [ 1 2 3 ]
