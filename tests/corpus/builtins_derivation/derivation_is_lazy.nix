# attributes that are not printed are not evaluated
let d = derivation { name = "lazy"; system = "x"; builder = "/b"; }; in d.name
