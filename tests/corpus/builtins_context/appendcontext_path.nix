let p = builtins.unsafeDiscardStringContext (builtins.toFile "a" "x"); in builtins.getContext (builtins.appendContext "text" { ${p} = { path = true; }; })
