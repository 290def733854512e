builtins.replaceStrings [ "a" "b" ] [ "1" "2" ] "abcab"
