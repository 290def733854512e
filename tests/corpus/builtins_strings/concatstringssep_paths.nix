# paths in the list are coerced (and copied to the store)
builtins.concatStringsSep ":" [ "a" ./data/file.txt ]
