builtins.isFunction ((a: b: a) 1)
