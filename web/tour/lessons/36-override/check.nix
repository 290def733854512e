let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a package set, got ${t.describe result}"
  else if (result.version or null) != "2.0" then "version should be \"2.0\""
  else if (result.name or null) != "hello" then "the overridden package should keep its name \"hello\""
  else if (result.override { name = "hi"; }).version != "2.0" then "overriding again should keep earlier overrides"
  else true
