builtins.filter (p: p.enable) [ { n = "a"; enable = true; } { n = "b"; enable = false; } ]
