let reverseList = xs: let l = builtins.length xs; in builtins.genList (n: builtins.elemAt xs (l - n - 1)) l; in reverseList [ 1 2 3 4 ]
