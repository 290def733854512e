let s = { a = 1; b = s.a + 1; c = s.b * 2; }; in s.c
