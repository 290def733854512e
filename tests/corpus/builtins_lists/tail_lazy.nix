builtins.length (builtins.tail [ (throw "head") 2 3 ])
