let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ 2 4 6 8 10 ] then "expected [ 2 4 6 8 10 ], got ${t.describe result}"
  else if !(t.contains "filter" source) then "use builtins.filter"
  else true
