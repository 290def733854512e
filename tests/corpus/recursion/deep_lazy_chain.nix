let step = n: if n == 0 then { v = 0; } else let prev = step (n - 1); in { v = prev.v + 1; }; in (step 5000).v
