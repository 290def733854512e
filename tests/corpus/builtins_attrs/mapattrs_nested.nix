builtins.mapAttrs (n: v: builtins.mapAttrs (n2: v2: v2 * 10) v) { a = { b = 1; }; }
