let s = { a = 10; }; f = y: with s; a + y; in f 5
