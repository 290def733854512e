let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if builtins.attrNames result != [ "name" "version" ] then "expected the attributes name and version, got ${t.describe result}"
  else if result.name != "hello" then "name should be \"hello\", got ${t.describe result.name}"
  else if result.version != "2.12" then "version should be the string \"2.12\", got ${t.describe result.version}"
  else true
