list: builtins.foldl' (acc: x: [ x ] ++ acc) [ ] list
