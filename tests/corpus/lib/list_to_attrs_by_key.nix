let byName = l: builtins.listToAttrs (map (x: { name = x.name; value = x; }) l); in builtins.attrNames (byName [ { name = "b"; } { name = "a"; } ])
