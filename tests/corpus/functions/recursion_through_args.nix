let go = { n, acc ? 1 }: if n == 0 then acc else go { n = n - 1; acc = acc * 2; }; in go { n = 10; }
