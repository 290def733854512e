builtins.substring 0 0 "abc"
