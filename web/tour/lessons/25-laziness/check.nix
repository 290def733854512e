let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if !(t.contains "throw" source) then "keep the throw in values"
  else if !(result ? first) then "add the attribute first"
  else if !(result ? count) then "add the attribute count"
  else if !(builtins.tryEval result.count).success then "count throws: it looks at the elements (builtins.length does not)"
  else if result.count != 3 then "count should be 3, got ${t.describe result.count}"
  else if result.first != 1 then "first should be 1, got ${t.describe result.first}"
  else true
