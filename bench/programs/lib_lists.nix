# nixpkgs lib.lists and lib.attrsets on generated data: unique, groupBy,
# partition, sortOn, flatten, zipListsWith, subtractLists, toposort, foldr,
# imap1, findFirst, mapAttrsToList, recursiveUpdate, collect
# needs: nixpkgs-lib
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  lib = import ../../../shared/third_party/nixpkgs-lib/lib;
  inherit (lib) lists attrsets;
  n = if small then 60 else 20000;
  xs = builtins.genList (i: builtins.bitAnd (i * 7919) 511) n;
  uniq = lists.unique (lib.take (n / 10) xs);
  groups = lib.groupBy (x: toString (x / 64)) xs;
  parts = lists.partition (x: x > 255) xs;
  sorted = lists.sortOn (x: -x) xs;
  flat = lists.flatten (builtins.genList (i: [ i [ (i + 1) [ (i + 2) ] ] ]) (n / 3));
  zipped = lists.zipListsWith (a: b: a * b) xs (lists.reverseList xs);
  rest = lists.subtractLists (lists.range 0 100) (lib.take (n / 5) xs);
  # a dependency graph: each node depends on a few with smaller numbers
  nodes = builtins.genList (i: { id = i; deps = builtins.filter (d: d >= 0) [ (i - 1) (i / 2 - 1) (i / 3 - 2) ]; }) (if small then 15 else 250);
  before = a: b: builtins.elem a.id b.deps;
  topo = lists.toposort before nodes;
  folded = lists.foldr (x: acc: acc + x) 0 (lists.imap1 (i: x: i * x) xs);
  first = lists.findFirst (x: x > 500) null xs;
  attrs = builtins.listToAttrs (lists.imap0 (i: x: { name = "a${toString i}"; value = { v = x; nested = { w = i; }; }; }) (lib.take (n / 3) xs));
  updated = attrsets.recursiveUpdate attrs (attrsets.mapAttrs (k: v: { nested.extra = v.v; }) attrs);
  collected = attrsets.collect builtins.isInt updated;
in [
  (builtins.length uniq)
  (attrsets.mapAttrsToList (k: v: builtins.length v) groups)
  (builtins.length parts.right)
  (lib.take 5 sorted)
  (builtins.length flat)
  (builtins.foldl' (a: b: a + b) 0 zipped)
  (builtins.length rest)
  (map (x: x.id) (lib.take 10 topo.result))
  folded
  first
  (builtins.length collected)
]
