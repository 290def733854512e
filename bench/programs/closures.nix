# closures and higher-order functions: currying, composition, Church numerals,
# functions kept in lists and attribute sets
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 50 else 40000;
  compose = f: g: x: f (g x);
  pipe = fs: x: builtins.foldl' (acc: f: f acc) x fs;
  adder = k: x: x + k;
  scaler = k: x: x * k;
  # a chain of 20 small functions, built once and applied n times
  chain = builtins.genList (i: if builtins.bitAnd i 1 == 0 then adder i else scaler 1) 20;
  step = pipe chain;
  composed = builtins.foldl' compose (x: x) (builtins.genList adder 10);
  # Church numerals: a number is how many times it applies a function
  zero = f: x: x;
  succ = n: f: x: f (n f x);
  add = m: n: f: x: m f (n f x);
  mul = m: n: f: m (n f);
  toInt = n: n (x: x + 1) 0;
  church = k: if k == 0 then zero else succ (church (k - 1));
  c10 = church 10;
  churchs = builtins.genList (i: toInt (mul (church (builtins.bitAnd i 7)) (add c10 (church 3)))) (n / 20);
  # a counter object: attribute set of closures over shared state
  counter = start: rec { value = start; inc = counter (start + 1); add = k: counter (start + k); };
  walk = k: c: if k == 0 then c.value else walk (k - 1) ((c.add 2).inc);
  apply = builtins.foldl' (acc: i: acc + step i + composed i) 0 (builtins.genList (i: i) n);
in [ apply (builtins.foldl' (a: b: a + b) 0 churchs) (walk (n / 4) (counter 0)) ]
