with { "a b" = 1; c = 2; }; c
