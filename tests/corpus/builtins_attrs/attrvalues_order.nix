# values come in the order of the sorted names
builtins.attrValues { c = 3; a = 1; b = 2; }
