let
  fact = n: n * fact (n - 1);
in
fact
