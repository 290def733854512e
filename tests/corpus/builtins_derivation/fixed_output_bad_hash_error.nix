(derivation { name = "bad"; system = "x86_64-linux"; builder = "/bin/sh"; outputHashAlgo = "sha256"; outputHash = "xyz"; }).outPath
