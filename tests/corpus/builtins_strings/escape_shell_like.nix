let escape = builtins.replaceStrings [ "'" ] [ "'\\''" ]; in "'${escape "it's"}'"
