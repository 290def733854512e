let d = derivation { name = "simple"; system = "x86_64-linux"; builder = "/bin/sh"; }; in [ d.drvPath d.outPath ]
