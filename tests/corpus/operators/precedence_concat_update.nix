# ++ binds tighter than //, both tighter than comparison
[ ({ a = [ 1 ] ++ [ 2 ]; } // { b = 3; }) ([ 1 ] ++ [ 2 ] == [ 1 2 ]) ]
