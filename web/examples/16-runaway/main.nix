# This takes practically forever: naive Fibonacci makes about 2^n calls,
# though it never nests deeper than n. (An endless loop like `f = x: f x`
# would end by itself in "stack overflow" after a million calls, as Nix
# stops at its call depth limit.) Press Stop, or wait for the time limit
# set in Settings. The next run works right away, without reloading.
let
  fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2);
in
  fib 100
