# the scope of scopedImport can override builtins
scopedImport { toString = x: "overridden"; } ./data/scoped_builtin.nix
