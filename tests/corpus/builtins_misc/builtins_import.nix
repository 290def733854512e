(builtins.import ./data/answer.nix) + 0
