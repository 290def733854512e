builtins.concatStringsSep "," [ "only" ]
