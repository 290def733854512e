list: builtins.foldl' (acc: x: acc + x) 0 list
