# attribute-set churn: listToAttrs, mapAttrs, dynamic keys, long `//` chains
# (each update copies the set), attrNames/attrValues, removeAttrs, nested updates
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 200 else 50000;
  m = if small then 50 else 2500;
  names = builtins.genList (i: "k${toString i}") n;
  a = builtins.listToAttrs (map (k: { name = k; value = builtins.stringLength k; }) names);
  b = builtins.mapAttrs (k: v: v + 1) a;
  # a `//` chain growing one key at a time, as overlays and option merging do
  c = builtins.foldl' (acc: k: acc // { ${k} = b.${k}; }) { } (builtins.genList (i: "k${toString i}") m);
  # updates of a nested record, rebuilding the path each time
  d = builtins.foldl' (acc: i: acc // { inner = acc.inner // { count = acc.inner.count + i; last = i; }; })
    { inner = { count = 0; last = null; }; } (builtins.genList (i: i) (m * 4));
  e = removeAttrs b (builtins.genList (i: "k${toString (i * 2)}") (n / 2));
in [
  (builtins.foldl' (s: k: s + b.${k}) 0 names)
  (builtins.length (builtins.attrNames c))
  d.inner
  (builtins.foldl' (s: v: s + v) 0 (builtins.attrValues e))
  (builtins.hasAttr "k1" e && !(builtins.hasAttr "k0" e))
]
