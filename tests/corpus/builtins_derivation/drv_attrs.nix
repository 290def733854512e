let d = derivation { name = "a"; system = "x"; builder = "/b"; extra = 1; }; in d.drvAttrs
