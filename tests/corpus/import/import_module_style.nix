let m = import ./data/module.nix { lib.concat = a: b: a + b; }; in m.greet "nix"
