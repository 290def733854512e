builtins.noSuchBuiltin or "absent"
