[ (builtins.fromJSON "42") (builtins.fromJSON "\"s\"") (builtins.fromJSON "null") ]
