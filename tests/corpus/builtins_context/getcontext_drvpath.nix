builtins.getContext (derivation { name = "c"; system = "x"; builder = "/b"; }).drvPath
