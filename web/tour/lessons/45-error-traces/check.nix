let t = import ../helpers.nix; in
result:
  if result != [ "alice@example.org" "bob@example.org" "carol@example.org" ] then "expected the three addresses, got ${t.describe result}"
  else true
