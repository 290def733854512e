import ./data/reexport.nix
