# elem compares the very same value as equal, even a function (Nix's pointer
# test); a value copied out by a builtin is another value; x is not forced
# for an empty list, and forced first otherwise
let
  f = x: x;
  g = f;
  l = [ f ];
in
[
  (builtins.elem f [ f ])
  (builtins.elem f [ 1 f ])
  (builtins.elem f [ g ])
  (builtins.elem (builtins.head l) l)
  (builtins.elem (throw "never") [ ])
  (builtins.elem 1 [ 1.0 ])
  (builtins.elem "a" [ 1 "b" "a" ])
  (builtins.elem [ 1 ] [ 1 [ 1 ] ])
  (builtins.tryEval (builtins.elem (throw "x first") [ (throw "y") ]))
]
