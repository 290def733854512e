let d = derivation { name = "p"; system = "x"; builder = "/b"; } // { meta.description = "extra"; }; in [ d.meta.description (builtins.isAttrs d) d.type ]
