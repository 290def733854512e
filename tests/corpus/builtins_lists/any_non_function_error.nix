builtins.any true [ 1 ]
