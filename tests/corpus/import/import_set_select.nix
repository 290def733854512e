(import ./data/set.nix).b
