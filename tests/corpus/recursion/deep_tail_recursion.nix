let loop = n: acc: if n == 0 then acc else loop (n - 1) (acc + n); in loop 10000 0
