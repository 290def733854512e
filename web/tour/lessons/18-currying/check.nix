let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if !(builtins.isFunction (result.add or null)) then "add should be a function"
  else if !(builtins.isFunction (result.add 2)) then "add 2 should be a function waiting for the second number, got ${t.describe (result.add 2)}"
  else if result.add 2 3 != 5 then "add 2 3 should be 5, got ${t.describe (result.add 2 3)}"
  else if (result.inc or null) == null || result.inc 41 != 42 then "inc 41 should be 42"
  else if !(t.contains "add 1" source) then "define inc as `add 1`"
  else true
