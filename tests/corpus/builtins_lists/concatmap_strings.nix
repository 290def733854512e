builtins.concatMap (s: builtins.filter builtins.isString (builtins.split "," s)) [ "a,b" "c" ]
