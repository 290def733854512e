[ (builtins ? convertHash) (builtins ? readFileType) (builtins ? warn) ]
