# sorting with a Nix comparator and with lessThan
let
  xs = builtins.genList (i: builtins.bitXor (i * 7919) 12345) 20000;
  a = builtins.sort (x: y: x < y) xs;
  b = builtins.sort builtins.lessThan (map toString xs);
in builtins.head a + builtins.stringLength (builtins.head b)
