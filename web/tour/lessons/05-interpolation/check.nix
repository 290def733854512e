let t = import ../helpers.nix; in
result: { source, ... }:
  if result != "2 + 3 = 5" then "expected \"2 + 3 = 5\", got ${t.describe result}"
  else if !(t.contains "\${" source) then "use interpolation: \${ ... }"
  else true
