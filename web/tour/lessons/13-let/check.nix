let t = import ../helpers.nix; in
result: { source, ... }:
  if result != 60 then "expected the integer 60, got ${t.describe result}"
  else if !(t.contains "let" source) then "name the values with let"
  else true
