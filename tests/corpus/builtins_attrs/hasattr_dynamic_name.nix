let names = [ "a" "b" ]; s = { a = 1; }; in map (n: builtins.hasAttr n s) names
