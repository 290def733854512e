builtins.concatStringsSep "," [ ]
