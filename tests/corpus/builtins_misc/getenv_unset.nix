builtins.getEnv "NIXLITE_UNSET_VAR_XYZ"
