# calls through bindings that name builtins, and names that only look like them
let
  inherit (builtins) elemAt length;
  m = map;
  lib = rec { inherit (builtins) tail; drop2 = l: tail (tail l); };
  shadowed = let builtins = { map = f: l: "mine"; }; m = builtins.map; in m 1 2;
  withMap = with { map = 1; }; let m = map; in m (x: x * 2) [ 1 2 ];
in
[ (elemAt [ 1 2 3 ] 1) (length (m (x: x) [ 1 2 ])) (lib.drop2 [ 1 2 3 ]) shadowed withMap ]
