builtins.seq (x: throw "not called") "functions are values"
