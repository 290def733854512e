# a binding that names a builtin prints as <CODE> until forced, then as the builtin
let
  m = builtins.map;
  inherit (builtins) head;
  x = m (y: y) [ 1 ];
in
builtins.seq x { inherit m head; n = m; }
