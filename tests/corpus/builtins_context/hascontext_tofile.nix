builtins.hasContext (builtins.toFile "t" "content")
