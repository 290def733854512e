let a = { outPath = "/p"; x = 1; }; b = { outPath = "/p"; x = 2; }; in a == b
