import ./greet.nix
