let t = import ../helpers.nix; in
result:
  if !(builtins.isString result) then "expected a string, got ${t.describe result}"
  else if builtins.match "/nix/store/[0-9a-z]{32}-hello/bin/hello" result == null then "expected the string <outPath of hello>/bin/hello, got ${t.describe result}"
  else if !(builtins.hasContext result) then "the path is right, but the string has no context: it does not depend on hello"
  else if builtins.length (builtins.attrNames (builtins.getContext result)) != 1 then "the string should depend on hello only"
  else true
