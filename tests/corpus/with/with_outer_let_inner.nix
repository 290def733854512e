let a = 1; in with { a = 2; }; let b = a; in b
