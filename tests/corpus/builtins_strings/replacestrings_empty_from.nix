# an empty pattern matches between every character
builtins.replaceStrings [ "" ] [ "-" ] "abc"
