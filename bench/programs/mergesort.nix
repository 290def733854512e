# mergesort written in Nix (bottom-up, merging by non-tail recursion on
# indices) on pseudo-random numbers, checked against builtins.sort
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 200 else 10000;
  # a linear congruential generator, kept inside 31 bits
  rand = builtins.genList (i: builtins.bitAnd (i * 1103515245 + 12345) 2147483647 / 65536) n;
  slice = xs: start: len: builtins.genList (i: builtins.elemAt xs (start + i)) len;
  merge = xs: ys:
    let
      nx = builtins.length xs;
      ny = builtins.length ys;
      go = i: j:
        if i == nx then slice ys j (ny - j)
        else if j == ny then slice xs i (nx - i)
        else
          let x = builtins.elemAt xs i; y = builtins.elemAt ys j; in
          if y < x then [ y ] ++ go i (j + 1) else [ x ] ++ go (i + 1) j;
    in go 0 0;
  # bottom-up: merge neighbouring runs pairwise until one is left
  mergePairs = runs:
    let k = builtins.length runs; in
    builtins.genList (i:
      if 2 * i + 1 < k then merge (builtins.elemAt runs (2 * i)) (builtins.elemAt runs (2 * i + 1))
      else builtins.elemAt runs (2 * i)) ((k + 1) / 2);
  sortRuns = runs: if builtins.length runs <= 1 then builtins.head runs else sortRuns (mergePairs runs);
  sorted = sortRuns (map (x: [ x ]) rand);
in [ (sorted == builtins.sort (a: b: a < b) rand) (builtins.head sorted) (builtins.elemAt sorted (n / 2)) ]
