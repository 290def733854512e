let t = import ../helpers.nix; in
result: { source, ... }:
  if result != [ 3 5 ] then "expected [ 3 5 ], got ${t.describe result}"
  else if !(t.contains "with builtins" source) then "use `with builtins;`"
  else if t.contains "builtins.length" source || t.contains "builtins.head" source then "with `with builtins;` you can drop the `builtins.` prefix"
  else true
