let isDerivation = v: v.type or null == "derivation"; in map isDerivation [ (derivation { name = "d"; system = "x"; builder = "/b"; }) { type = "other"; } 5 ]
