# names that are not identifiers are printed quoted
{ "a b" = 1; "1a" = 2; "a.b" = 3; a-b = 4; "a'" = 5; _x = 6; "" = 7; "if" = 8; "or" = 9; }
