builtins.getContext (builtins.toFile "c.txt" "c")
