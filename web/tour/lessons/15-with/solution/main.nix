let
  xs = [ 5 6 7 ];
in
with builtins;
[ (length xs) (head xs) ]
