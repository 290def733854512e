# build attribute sets with listToAttrs, update them, read them back
let
  n = 20000;
  names = builtins.genList (i: "k${toString i}") n;
  a = builtins.listToAttrs (map (k: { name = k; value = builtins.stringLength k; }) names);
  b = builtins.mapAttrs (k: v: v + 1) a;
  c = builtins.foldl' (acc: k: acc // { ${k} = b.${k}; }) { } (builtins.genList (i: "k${toString i}") 500);
in builtins.foldl' (s: k: s + b.${k}) 0 names + builtins.length (builtins.attrNames c)
