# foldl' folds from the left
builtins.foldl' (acc: x: "(${acc} ${x})") "z" [ "a" "b" "c" ]
