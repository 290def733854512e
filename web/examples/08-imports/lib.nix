# A small library: an attribute set of functions.
{
  greet = name: "Hello, ${name}!";
  names = map (p: p.name);
  maxBy = f: list:
    builtins.foldl'
      (best: x: if best == null || f x > f best then x else best)
      null
      list;
}
