# ... but foldl' does not force the elements themselves
builtins.foldl' (a: b: a + 1) 0 [ (throw "x") (throw "y") ]
