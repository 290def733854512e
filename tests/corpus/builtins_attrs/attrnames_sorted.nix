builtins.attrNames { zz = 1; a = 2; "B" = 3; "" = 4; }
