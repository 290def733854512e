let range = a: b: builtins.genList (i: a + i) (b - a + 1); in range 3 7
