(derivation { name = "withsrc2"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "${./data/script.sh}" ]; }).drvPath
