# for a repeated name, the first occurrence wins
builtins.listToAttrs [ { name = "k"; value = "first"; } { name = "k"; value = "second"; } ]
