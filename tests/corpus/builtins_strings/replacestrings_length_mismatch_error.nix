builtins.replaceStrings [ "a" "b" ] [ "1" ] "ab"
