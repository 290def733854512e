builtins.concatStringsSep "\n" [ "a" "b" "c" ]
