let t = import ../helpers.nix; in
result: { source, ... }:
  if result != "line one\nline two\n" then "expected \"line one\\nline two\\n\", got ${t.describe result}"
  else if !(t.contains "''" source) then "the value is right; write it as an indented string ('' ... '')"
  else true
