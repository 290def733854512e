builtins.parseDrvName "nix-unstable-2024-01-01"
