builtins.split "([0-9])([a-z])" "1a-2b"
