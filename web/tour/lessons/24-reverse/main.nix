list: builtins.foldl' (acc: x: acc ++ [ x ]) [ ] list
