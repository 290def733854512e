import ./data/answer.nix
