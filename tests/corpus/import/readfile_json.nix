let cfg = builtins.fromJSON (builtins.readFile ./data/config.json); in [ cfg.name (builtins.length cfg.list) cfg.nested.ok ]
