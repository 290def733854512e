let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if result [ 1 2 3 ] != [ 3 2 1 ] then "reversing [ 1 2 3 ] gave ${t.describe (result [ 1 2 3 ])}, expected [ 3 2 1 ]"
  else if result [ ] != [ ] then "reversing [ ] should give [ ]"
  else if !(t.contains "foldl'" source) then "use builtins.foldl'"
  else true
