# n-queens by backtracking search: count the solutions
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 5 else 9;
  abs = x: if x < 0 then -x else x;
  safe = col: placed:
    let k = builtins.length placed; in
    builtins.all (i: let c = builtins.elemAt placed i; in c != col && abs (c - col) != k - i)
      (builtins.genList (i: i) k);
  solve = placed:
    if builtins.length placed == n then 1
    else builtins.foldl' (acc: col: acc + (if safe col placed then solve (placed ++ [ col ]) else 0))
      0 (builtins.genList (i: i) n);
in solve [ ]
