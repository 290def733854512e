[ (builtins.isPath ./.) (builtins.isPath "/a") (builtins.isPath /a) ]
