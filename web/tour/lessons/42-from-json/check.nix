let t = import ../helpers.nix; in
result:
  if result != 8081 then "expected the integer 8081, got ${t.describe result}" else true
