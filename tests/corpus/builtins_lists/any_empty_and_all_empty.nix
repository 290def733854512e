[ (builtins.any (x: throw "never") [ ]) (builtins.all (x: throw "never") [ ]) ]
