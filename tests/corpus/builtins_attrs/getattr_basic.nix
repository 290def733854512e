builtins.getAttr "x" { x = "found"; }
