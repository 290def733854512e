let concatMapStringsSep = sep: f: l: builtins.concatStringsSep sep (map f l); in concatMapStringsSep "-" (x: toString (x * 2)) [ 1 2 3 ]
