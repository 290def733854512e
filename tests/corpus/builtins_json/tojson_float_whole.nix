builtins.toJSON 3.0
