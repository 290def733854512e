let t = import ../helpers.nix; in
result:
  if builtins.isInt result then "got ${t.describe result}: dividing two integers gives an integer; make one side a float"
  else if !(builtins.isFloat result) then "expected a float, got ${t.describe result}"
  else if result != 5.0 then "expected 5.0, got ${t.describe result}"
  else true
