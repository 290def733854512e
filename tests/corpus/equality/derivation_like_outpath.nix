# two derivation-like sets compare by outPath only
let a = { type = "derivation"; outPath = "/p"; x = 1; }; b = { type = "derivation"; outPath = "/p"; x = 2; }; in a == b
