builtins.zipAttrsWith (name: values: values) [ { a = 1; b = 2; } { a = 3; } { c = 4; } ]
