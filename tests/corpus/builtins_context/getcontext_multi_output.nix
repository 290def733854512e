let d = derivation { name = "m"; system = "x"; builder = "/b"; outputs = [ "out" "dev" ]; }; in builtins.getContext "${d.out} ${d.dev}"
