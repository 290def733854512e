import ./data/double.nix 21
