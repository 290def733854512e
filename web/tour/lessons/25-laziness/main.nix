let
  values = [ 1 2 (throw "oops: the third element was evaluated") ];
in
{
  count = builtins.foldl' (n: x: n + 1) 0 (builtins.map (x: x + 0) values);
}
