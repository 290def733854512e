# list churn: genList, map, filter, foldl', concatLists, elemAt, ++
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 1000 else 200000;
  xs = builtins.genList (i: i) n;
  ys = map (x: x * 3) xs;
  zs = builtins.filter (x: builtins.bitAnd x 1 == 0) ys;
  pairs = builtins.concatLists (map (x: [ x x ]) xs);
  chunks = builtins.genList (i: builtins.genList (j: builtins.elemAt xs (i * 100 + j)) 100) (n / 100);
in [
  (builtins.foldl' (a: b: a + b) 0 zs)
  (builtins.length pairs)
  (builtins.foldl' (a: c: a + builtins.length c + builtins.head c) 0 chunks)
  (builtins.length (builtins.foldl' (acc: c: acc ++ [ (builtins.elemAt c 99) ]) [ ] chunks))
]
