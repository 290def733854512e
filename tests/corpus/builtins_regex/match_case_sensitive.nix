[ (builtins.match "abc" "ABC") (builtins.match "[aA]bc" "Abc") ]
