builtins.match "(a*)(a*)" "aaaa"
