let f = x: throw "body"; in builtins.isFunction f
