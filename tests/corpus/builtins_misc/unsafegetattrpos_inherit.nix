let x = 1; s = { inherit x; }; in (builtins.unsafeGetAttrPos "x" s).column
