# ++ is right-associative; the result is the same either way
([ 1 ] ++ [ 2 ]) ++ [ 3 ] == [ 1 ] ++ ([ 2 ] ++ [ 3 ])
