let t = import ../helpers.nix; in
result: { files, ... }:
  let lib = import /lib.nix; in
  if !(builtins.isAttrs lib && lib ? double) then "lib.nix has no attribute double yet"
  else if !(builtins.isFunction lib.double) || lib.double 5 != 10 then "lib.double should double a number"
  else if result != 42 then "main.nix should evaluate to lib.double 21 = 42, got ${t.describe result}"
  else if !(t.contains "double" files."main.nix") then "call lib.double in main.nix"
  else true
