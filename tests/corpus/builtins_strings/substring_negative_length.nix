# a negative length means "to the end"
builtins.substring 2 (-1) "abcdef"
