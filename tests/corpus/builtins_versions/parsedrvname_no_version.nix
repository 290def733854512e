builtins.parseDrvName "hello"
