builtins.zipAttrsWith (name: vs: builtins.foldl' builtins.add 0 vs) [ { x = 1; y = 10; } { x = 2; } { y = 20; } ]
