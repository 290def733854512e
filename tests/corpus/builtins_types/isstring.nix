map builtins.isString [ "" "a" ''b'' 1 null ]
