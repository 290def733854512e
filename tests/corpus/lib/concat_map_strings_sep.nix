let concatMapStringsSep = sep: f: list: builtins.concatStringsSep sep (map f list); in concatMapStringsSep ", " (x: "<${x}>") [ "a" "b" "c" ]
