let a = { type = "derivation"; outPath = "/p"; }; b = { type = "derivation"; outPath = "/q"; }; in a == b
