builtins.zipAttrsWith (name: vs: name) [ { p = 1; } { q = 2; } ]
