builtins.toFile "bad.txt" "${derivation { name = "d"; system = "x"; builder = "/b"; }}"
