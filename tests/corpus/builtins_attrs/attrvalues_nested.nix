builtins.attrValues { b = { x = 1; }; a = [ 2 ]; }
