let concatStrings = builtins.concatStringsSep ""; in concatStrings [ "a" "b" "c" ]
