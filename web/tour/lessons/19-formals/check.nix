let t = import ../helpers.nix; in
result:
  let r = result { name = "Ada"; greeting = "Hi"; }; in
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if builtins.functionArgs result != { name = false; greeting = false; } then "the function should take the pattern { name, greeting }"
  else if r != "Hi, Ada!" then "called with { name = \"Ada\"; greeting = \"Hi\"; } it returned ${t.describe r}, expected \"Hi, Ada!\""
  else true
