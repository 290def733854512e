(derivation { name = "bad"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "drv" ]; }).drvPath
