let d = derivation { name = "c"; system = "x"; builder = "/b"; }; in builtins.getContext (builtins.unsafeDiscardOutputDependency d.drvPath)
