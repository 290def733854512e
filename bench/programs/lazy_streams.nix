# lazy streams: infinite lists as { head, tail } cells whose tail is a thunk;
# naturals, map, filter, zip, the sieve of Eratosthenes, Fibonacci stream
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  cons = head: tail: { inherit head tail; };
  from = k: cons k (from (k + 1));
  smap = f: s: cons (f s.head) (smap f s.tail);
  sfilter = p: s: if p s.head then cons s.head (sfilter p s.tail) else sfilter p s.tail;
  szip = f: a: b: cons (f a.head b.head) (szip f a.tail b.tail);
  take = k: s: if k == 0 then [ ] else [ s.head ] ++ take (k - 1) s.tail;
  nth = k: s: if k == 0 then s.head else nth (k - 1) s.tail;
  sieve = s: cons s.head (sieve (sfilter (x: x - x / s.head * s.head != 0) s.tail));
  primes = sieve (from 2);
  fibs = cons 0 (cons 1 (szip (a: b: a + b) fibs fibs.tail));
  squares = smap (x: x * x) (from 1);
  evens = sfilter (x: builtins.bitAnd x 1 == 0) squares;
in [
  (nth (if small then 20 else 400) primes)
  (builtins.foldl' (a: b: a + b) 0 (take (if small then 20 else 90) fibs))
  (nth (if small then 100 else 20000) evens)
]
