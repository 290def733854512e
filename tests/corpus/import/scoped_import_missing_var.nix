scopedImport { x = 1; } ./data/scoped.nix
