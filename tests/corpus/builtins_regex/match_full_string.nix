# match must match the whole string
[ (builtins.match "ab" "ab") (builtins.match "ab" "abc") (builtins.match "b" "abc") ]
