let t = import ../helpers.nix; in
result: { source, ... }:
  if result != 42 then "expected the integer 42, got ${t.describe result}"
  else if !(t.contains "*" source) then "the value is right, but compute it with `*`"
  else true
