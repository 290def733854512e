builtins.attrNames { b = 1; a = 2; c = 3; B = 4; }
