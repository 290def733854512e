builtins.length (builtins.filter (x: builtins.isString x) [ 1 "a" null "b" [ ] ])
