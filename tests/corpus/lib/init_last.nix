let last = l: builtins.elemAt l (builtins.length l - 1); init = l: builtins.genList (builtins.elemAt l) (builtins.length l - 1); in { l = last [ 1 2 3 ]; i = init [ 1 2 3 ]; }
