let s = { f = x: x + 1; v = 3; }; in s.f s.v
