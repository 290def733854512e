# the first matching pattern wins at each position
builtins.replaceStrings [ "ab" "a" ] [ "X" "Y" ] "aab"
