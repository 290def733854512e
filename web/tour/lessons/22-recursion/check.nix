let t = import ../helpers.nix; in
result:
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if !(builtins.tryEval (result 0)).success then "fact 0 fails: the recursion needs a base case"
  else if result 0 != 1 then "fact 0 should be 1, got ${t.describe (result 0)}"
  else if result 5 != 120 then "fact 5 should be 120, got ${t.describe (result 5)}"
  else if result 10 != 3628800 then "fact 10 should be 3628800"
  else true
