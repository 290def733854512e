# build, map, filter and fold lists
let
  xs = builtins.genList (i: i) 100000;
  ys = map (x: x * 3) xs;
  zs = builtins.filter (x: builtins.bitAnd x 1 == 0) ys;
in builtins.foldl' (a: b: a + b) 0 zs + builtins.length (builtins.concatLists (map (x: [ x x ]) xs))
