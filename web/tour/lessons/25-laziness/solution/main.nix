let
  values = [ 1 2 (throw "oops: the third element was evaluated") ];
in
{
  count = builtins.length values;
  first = builtins.head values;
}
