let mk = n: derivation { name = n; system = "x"; builder = "/b"; }; in [ (mk "a" == mk "a") (mk "a" == mk "b") ]
