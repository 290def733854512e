let
  xs = [ 5 6 7 ];
in
[ (builtins.length xs) (builtins.head xs) ]
