builtins.hasContext (toString { outPath = "/plain"; })
