let f = x: if x == 0 then throw "bottom" else f (x - 1); in f 10
