let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if !(builtins.tryEval (result [ ])).success then "summing [ ] fails; it should be 0"
  else if result [ ] != 0 then "the sum of [ ] should be 0"
  else if result [ 1 2 3 ] != 6 then "the sum of [ 1 2 3 ] should be 6, got ${t.describe (result [ 1 2 3 ])}"
  else if result (builtins.genList (i: i) 1001) != 500500 then "the sum of 0..1000 should be 500500"
  else if !(t.contains "foldl'" source) then "use builtins.foldl'"
  else true
