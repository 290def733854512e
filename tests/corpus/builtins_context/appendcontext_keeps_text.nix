let p = builtins.unsafeDiscardStringContext (builtins.toFile "a" "x"); in builtins.appendContext "text" { ${p} = { path = true; }; }
