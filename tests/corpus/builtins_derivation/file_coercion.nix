(derivation { name = "withsrc"; system = "x86_64-linux"; builder = "/bin/sh"; src = ./data/script.sh; }).drvPath
