builtins.pathExists (toString ./data/value.nix)
