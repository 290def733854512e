let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ 2 3 5 7 ] then "expected [ 2 3 5 7 ], got ${t.describe result}"
  else if !(t.contains "++" source) then "join two lists with `++`"
  else true
