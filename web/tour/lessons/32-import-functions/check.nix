let t = import ../helpers.nix; in
result:
  if builtins.isFunction result then "main.nix is still a function: call it with { name = \"Nix\"; }"
  else if result != "Hello, Nix!" then "expected \"Hello, Nix!\", got ${t.describe result}"
  else true
