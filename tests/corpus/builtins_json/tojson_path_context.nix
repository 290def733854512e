builtins.hasContext (builtins.toJSON [ ./data/sample.json ])
