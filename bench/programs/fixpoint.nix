# a package set built as a fixpoint with overlays, as nixpkgs does
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 50 else 3000;
  layers = if small then 20 else 3000;
  fix = f: let x = f x; in x;
  extends = overlay: base: self: let super = base self; in super // overlay self super;
  composeMany = overlays: base: builtins.foldl' (acc: o: extends o acc) base overlays;
  base = self: builtins.listToAttrs (builtins.genList (i: {
    name = "pkg${toString i}";
    value = { name = "pkg${toString i}"; deps = if i == 0 then [ ] else [ self."pkg${toString (i - 1)}" ]; size = i; };
  }) n);
  overlay = n: self: super: {
    "pkg${toString n}" = super."pkg${toString n}" // { size = super."pkg${toString n}".size * 2; };
  };
  pkgs = fix (composeMany (builtins.genList overlay layers) base);
  total = p: p.size + builtins.foldl' (a: d: a + total d) 0 p.deps;
in total pkgs."pkg${toString (n - 1)}"
