let t = import ../helpers.nix; in
result:
  if result != 3 then "expected the integer 3, got ${t.describe result}" else true
