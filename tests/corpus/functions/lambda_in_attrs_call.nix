let s = { f = x: y: x - y; }; in s.f 10 3
