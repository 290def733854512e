let s = { inc = x: x + 1; dbl = x: x * 2; }; in s.dbl (s.inc 4)
