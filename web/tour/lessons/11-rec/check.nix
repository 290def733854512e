let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if (result.width or null) != 3 || (result.height or null) != 4 then "width should be 3 and height 4"
  else if (result.area or null) != 12 then "area should be 12, got ${t.describe (result.area or null)}"
  else if !(t.contains "width * height" source) then "compute area as width * height"
  else true
