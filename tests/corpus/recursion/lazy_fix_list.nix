# a list defined in terms of itself
let xs = [ 1 ] ++ map (x: x * 2) (builtins.genList (i: builtins.elemAt xs i) 5); in xs
