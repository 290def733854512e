let zip = a: b: builtins.genList (i: { fst = builtins.elemAt a i; snd = builtins.elemAt b i; }) (builtins.length a); in zip [ 1 2 ] [ "a" "b" ]
