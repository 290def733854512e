scopedImport { a = 40; b = 2; } ./data/sum.nix
