builtins.toJSON "é ☃"
