let mapAttrsRecursive = f: set: builtins.mapAttrs (n: v: if builtins.isAttrs v then mapAttrsRecursive f v else f v) set; in mapAttrsRecursive (v: v * 10) { a = 1; b = { c = 2; d = { e = 3; }; }; }
