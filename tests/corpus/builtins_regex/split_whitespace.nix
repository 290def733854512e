builtins.filter builtins.isString (builtins.split "[[:space:]]+" "  one two   three ")
