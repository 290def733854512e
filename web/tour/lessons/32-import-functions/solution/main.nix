import ./greet.nix { name = "Nix"; }
