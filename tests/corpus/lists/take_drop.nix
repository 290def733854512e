let
  take = n: l: builtins.genList (builtins.elemAt l) n;
  drop = n: l: builtins.genList (i: builtins.elemAt l (i + n)) (builtins.length l - n);
in { t = take 2 [ 1 2 3 4 ]; d = drop 2 [ 1 2 3 4 ]; }
