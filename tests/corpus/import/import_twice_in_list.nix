map (f: import f) [ ./data/value.nix ./data/set.nix ]
