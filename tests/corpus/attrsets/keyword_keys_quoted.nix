# keywords are attribute names only when quoted
{ "if" = 1; "then" = 2; "let" = 3; "rec" = 4; "inherit" = 5; }."if"
