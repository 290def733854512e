builtins.toJSON (0.1 + 0.2)
