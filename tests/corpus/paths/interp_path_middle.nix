let d = "sub"; in builtins.pathExists ./data/${d}/val.nix
