let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isString result) then "expected a string, got ${t.describe result}"
  else if result != "Hello, Nix!" then "expected \"Hello, Nix!\", got ${t.describe result}"
  else if !(t.contains "+" source) then "join the pieces with `+`"
  else true
