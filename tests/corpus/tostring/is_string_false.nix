builtins.isString { __toString = self: "x"; }
