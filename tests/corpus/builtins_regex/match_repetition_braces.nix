map (s: builtins.match "a{2,3}" s) [ "a" "aa" "aaa" "aaaa" ]
