let inner = { v = 1; }; outer = { a = inner; b = { c = inner; }; }; in outer
