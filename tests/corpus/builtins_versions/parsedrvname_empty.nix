builtins.parseDrvName ""
