(derivation { name = "envf"; system = "x86_64-linux"; builder = "/bin/sh"; fl = 1.5; }).drvPath
