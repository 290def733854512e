builtins.attrNames (builtins.getContext ("${./data/ctx.txt}" + builtins.toFile "other" "x"))
