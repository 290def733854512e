let t = import ../helpers.nix; in
result: { source, ... }:
  if result != "even" then "expected the string \"even\", got ${t.describe result}"
  else if !(t.contains "if" source && t.contains "else" source) then "right value; now compute it with `if ... then ... else ...`"
  else true
