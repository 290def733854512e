builtins.concatStringsSep "" (builtins.genList (i: "ab") 50)
