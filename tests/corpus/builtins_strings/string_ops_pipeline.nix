let s = "Hello, World"; in builtins.replaceStrings [ "," ] [ "" ] (builtins.substring 0 12 s)
