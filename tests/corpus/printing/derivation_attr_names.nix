let d = derivation { name = "p"; system = "x"; builder = "/b"; }; in builtins.attrNames d
