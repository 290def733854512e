let t = import ../helpers.nix; in
result:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if builtins.length result != 1 then
    "expected a list of 1 element, got ${t.describe result}"
    + (if result != [ ] && builtins.isFunction (builtins.head result) then " (the first one is a function: a call needs parentheses)" else "")
  else if result != [ "5" ] then "expected [ \"5\" ], got a list holding ${t.describe (builtins.head result)}"
  else true
