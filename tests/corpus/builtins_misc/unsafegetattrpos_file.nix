baseNameOf (builtins.unsafeGetAttrPos "x" { x = 1; }).file
