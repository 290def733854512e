let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if (result.name or null) != "nixlite" then "name should be \"nixlite\", got ${t.describe (result.name or null)}"
  else if (result.greeting or null) != "Hello, nixlite!" then "greeting should be \"Hello, nixlite!\""
  else true
