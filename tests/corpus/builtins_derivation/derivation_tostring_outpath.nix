let d = derivation { name = "ts"; system = "x"; builder = "/b"; }; in "${d}" == d.outPath
