builtins.toJSON ./data/sample.json
