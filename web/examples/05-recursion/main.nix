let
  factorial = n: if n == 0 then 1 else n * factorial (n - 1);
  fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2);

  # Deep, non-tail recursion: the VM keeps its own stack, not Python's.
  sumTo = n: if n == 0 then 0 else n + sumTo (n - 1);

  paths = rec {
    prefix = "/opt/app";
    bin = "${prefix}/bin";
    lib = "${prefix}/lib";
  };
in {
  factorial20 = factorial 20;
  fibs = builtins.genList fib 12;
  deep = sumTo 20000;
  inherit (paths) bin lib;
}
