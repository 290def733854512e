(import ./data/sub/val.nix).x
