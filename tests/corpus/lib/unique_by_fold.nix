let unique = builtins.foldl' (acc: e: if builtins.elem e acc then acc else acc ++ [ e ]) [ ]; in unique [ "b" "a" "b" "c" "a" ]
