import ./data/syntax_error.nix
