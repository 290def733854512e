[ (builtins ? map) (builtins ? noSuchBuiltin) (builtins ? genericClosure) (builtins ? fromTOML) ]
