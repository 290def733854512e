map (s: builtins.match "ab+c*d?" s) [ "ab" "abbbccd" "ac" "abdd" ]
