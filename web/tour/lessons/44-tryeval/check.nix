let t = import ../helpers.nix; in
result:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if builtins.length result != 3 then "expected 3 elements, got ${t.describe result}"
  else if !(builtins.all (x: (builtins.tryEval x).success) result) then "an element still throws: catch it with builtins.tryEval"
  else if result != [ 10 null 2 ] then "expected [ 10 null 2 ], got ${t.describe result}"
  else true
