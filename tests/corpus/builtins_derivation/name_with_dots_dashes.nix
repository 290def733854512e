(derivation { name = "my-pkg.v1_2+x"; system = "x86_64-linux"; builder = "/bin/sh"; }).outPath
