let t = import ../helpers.nix; in
result:
  let r = result { name = "x"; a = 1; b = 2; }; in
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if r != "x has 3 attributes" then "called with { name = \"x\"; a = 1; b = 2; } it returned ${t.describe r}, expected \"x has 3 attributes\""
  else if result { name = "y"; } != "y has 1 attributes" then "called with { name = \"y\"; } it should return \"y has 1 attributes\""
  else true
