# hashing a string with context is allowed
builtins.hashString "md5" "${builtins.toFile "h.txt" "x"}"
