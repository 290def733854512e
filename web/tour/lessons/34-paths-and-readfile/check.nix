let t = import ../helpers.nix; in
result:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ "apples" "pears" "plums" ] then "expected [ \"apples\" \"pears\" \"plums\" ], got ${t.describe result}"
  else true
