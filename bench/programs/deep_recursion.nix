# non-tail recursion 100,000 deep, and a tail-recursive loop as long
# (C++ Nix needs a bigger stack than the default 8 MB for this depth)
# nix-stack: 256M
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 1000 else 100000;
  f = n: if n == 0 then 0 else 1 + f (n - 1);
  go = n: acc: if n == 0 then acc else go (n - 1) (acc + 1);
in f n + go n 0
