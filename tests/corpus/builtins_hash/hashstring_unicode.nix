builtins.hashString "sha256" "☃"
