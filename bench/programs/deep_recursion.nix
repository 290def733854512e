# non-tail recursion 50,000 deep, and a long chain of lazy thunks
let
  f = n: if n == 0 then 0 else 1 + f (n - 1);
  go = n: acc: if n == 0 then acc else go (n - 1) (acc + 1);
in f 50000 + go 50000 0
