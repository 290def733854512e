(derivation { name = "o"; system = "x"; builder = "/b"; outputs = [ ]; }).drvPath
