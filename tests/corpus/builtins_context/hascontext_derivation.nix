builtins.hasContext (derivation { name = "c"; system = "x"; builder = "/b"; }).outPath
