# an empty match splits between characters
builtins.split "x*" "ab"
