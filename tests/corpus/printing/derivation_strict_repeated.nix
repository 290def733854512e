# a derivation prints as a set; its outputs refer back to it
derivation { name = "p"; system = "x"; builder = "/b"; }
