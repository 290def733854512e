let hanoi = n: from: to: via: if n == 0 then [ ] else hanoi (n - 1) from via to ++ [ "${from}->${to}" ] ++ hanoi (n - 1) via to from; in hanoi 3 "a" "c" "b"
