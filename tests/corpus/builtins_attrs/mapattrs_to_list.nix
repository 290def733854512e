let mapAttrsToList = f: s: map (n: f n s.${n}) (builtins.attrNames s); in mapAttrsToList (n: v: "${n}=${v}") { b = "2"; a = "1"; }
