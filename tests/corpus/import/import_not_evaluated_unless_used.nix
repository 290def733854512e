let unused = import ./data/throws.nix; in "fine"
