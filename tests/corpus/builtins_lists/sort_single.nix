builtins.sort (a: b: throw "never") [ 1 ]
