(builtins.removeAttrs { a = throw "x"; b = 1; } [ "a" ]).b
