let sumDigits = n: if n < 10 then n else (n - n / 10 * 10) + sumDigits (n / 10); in sumDigits 9876543210
