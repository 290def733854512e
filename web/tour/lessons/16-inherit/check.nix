let t = import ../helpers.nix; in
result: { source, ... }:
  if result != { name = "nix"; license = "LGPL-2.1"; } then "expected { name = \"nix\"; license = \"LGPL-2.1\"; }, got ${t.describe result}"
  else if !(t.contains "inherit name" source) then "write `inherit name;`"
  else if !(t.contains "inherit (meta)" source) then "take license with `inherit (meta) license;`"
  else true
