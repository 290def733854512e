builtins.hasContext (builtins.replaceStrings [ "x" ] [ "y" ] "${./data/file.txt}")
