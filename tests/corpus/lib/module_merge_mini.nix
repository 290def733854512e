let
  mkIf = cond: content: { _type = "if"; inherit cond content; };
  eval = defs: builtins.foldl' (acc: d: if d._type or "" == "if" then (if d.cond then acc // d.content else acc) else acc // d) { } defs;
in eval [ { a = 1; } (mkIf false { b = 2; }) (mkIf true { c = 3; }) ]
