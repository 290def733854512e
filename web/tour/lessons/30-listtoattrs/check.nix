let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if builtins.attrNames result != [ "alice" "bob" ] then "expected the attributes alice and bob, got ${t.describe result}"
  else if result.alice != { home = "/home/alice"; } then "alice should be { home = \"/home/alice\"; }, got ${t.describe result.alice}"
  else if result.bob != { home = "/home/bob"; } then "bob should be { home = \"/home/bob\"; }"
  else true
