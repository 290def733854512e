{ "with space" = 1; "" = 2; "a.b" = 3; "1x" = 4; }
