builtins.toJSON { __toString = self: "as string"; }
