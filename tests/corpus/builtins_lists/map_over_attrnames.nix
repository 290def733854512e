let s = { b = 2; a = 1; }; in map (n: "${n}=${toString s.${n}}") (builtins.attrNames s)
