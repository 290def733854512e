let t = import ../helpers.nix; in
result:
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if result 21 != 42 then "called with 21 it returned ${t.describe (result 21)}, expected 42"
  else if result 0 != 0 || result (-3) != -6 then "it should double any number"
  else true
