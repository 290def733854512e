let t = import ../helpers.nix; in
result:
  let args = if builtins.isFunction result then builtins.functionArgs result else { }; in
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if !(args ? name && args ? greeting) then "keep the arguments name and greeting"
  else if !args.greeting then "greeting has no default yet"
  else if result { name = "Ada"; } != "Hello, Ada!" then "with only a name it returned ${t.describe (result { name = "Ada"; })}"
  else if result { name = "Ada"; greeting = "Hi"; } != "Hi, Ada!" then "a greeting that is passed must still be used"
  else true
