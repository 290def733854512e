builtins.getAttr "y" { x = 1; }
