scopedImport { x = 1; y = 2; } ./data/scoped.nix
