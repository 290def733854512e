# naive doubly-recursive Fibonacci: calls, comparisons and arithmetic
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2);
in fib (if small then 12 else 28)
