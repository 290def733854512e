(import ./data/lazy.nix).ok
