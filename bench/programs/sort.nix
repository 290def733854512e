# builtins.sort with a Nix comparator, with lessThan, on strings, and on
# records by a key
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 300 else 60000;
  xs = builtins.genList (i: builtins.bitXor (i * 7919) 12345) n;
  a = builtins.sort (x: y: x < y) xs;
  b = builtins.sort builtins.lessThan (map toString xs);
  recs = builtins.genList (i: { name = "r${toString i}"; key = builtins.bitAnd (i * 40503) 1023; }) (n / 3);
  c = builtins.sort (p: q: p.key < q.key || (p.key == q.key && p.name < q.name)) recs;
in [ (builtins.head a) (builtins.elemAt a (n / 2)) (builtins.head b) (builtins.elemAt b (n / 2)) (builtins.head c).name (builtins.elemAt c (n / 4)).name ]
