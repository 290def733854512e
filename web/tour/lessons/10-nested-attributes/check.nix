let t = import ../helpers.nix; in
result: { source, ... }:
  let nginx = result.services.nginx or null; in
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if !(result ? services.nginx) then "result.services.nginx does not exist yet"
  else if nginx != { enable = true; port = 80; } then "services.nginx should be { enable = true; port = 80; }, got ${t.describe nginx}"
  else if !(t.contains "services.nginx." source) then "right value; now write it with paths like services.nginx.enable = true;"
  else true
