builtins.sort (a: b: a < b) [ (throw "forced") ]
