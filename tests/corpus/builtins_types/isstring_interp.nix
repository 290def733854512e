builtins.isString "${"x"}"
