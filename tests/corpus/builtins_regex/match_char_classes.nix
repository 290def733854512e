map (s: builtins.match "[[:digit:]]+[[:space:]]*[[:alpha:]]+" s) [ "12 ab" "12ab" "ab" ]
