builtins.match "[a-z]+" "hello"
