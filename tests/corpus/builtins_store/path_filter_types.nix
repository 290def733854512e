# the filter sees each entry with its type
let seen = p: t: builtins.trace "${baseNameOf p}:${t}" true; in builtins.path { path = ./data/tree; name = "all"; filter = seen; }
