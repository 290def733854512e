let steps = n: if n == 1 then 0 else 1 + steps (if n / 2 * 2 == n then n / 2 else 3 * n + 1); in steps 27
