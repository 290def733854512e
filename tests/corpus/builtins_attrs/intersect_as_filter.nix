let pick = names: s: builtins.intersectAttrs (builtins.listToAttrs (map (n: { name = n; value = null; }) names)) s; in pick [ "a" "z" ] { a = 1; b = 2; }
