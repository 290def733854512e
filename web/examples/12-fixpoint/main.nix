# fix takes a function from the final result to the result, and finds the
# value that is its own input. Laziness makes this work.
let
  fix = f: let x = f x; in x;

  config = self: {
    name = "demo";
    port = 8080;
    url = "http://localhost:${toString self.port}/${self.name}";
  };

  # The same trick defines a recursive function without naming it.
  fib = fix (self: n: if n < 2 then n else self (n - 1) + self (n - 2));
in {
  inherit (fix config) url;
  fibs = builtins.genList fib 10;
}
