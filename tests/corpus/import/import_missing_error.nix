import ./data/missing.nix
