let rep = n: s: builtins.concatStringsSep "" (builtins.genList (_: s) n); in rep 3 "ab"
