let t = import ../helpers.nix; in
result:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ 0 1 2 3 4 ] then "expected [ 0 1 2 3 4 ], got ${t.describe result}"
  else true
