let last = l: builtins.elemAt l (builtins.length l - 1); in last [ 1 2 3 ]
