let t = import ../helpers.nix; in
result:
  if !(builtins.isString result) then "expected a string of JSON text, got ${t.describe result}"
  else if builtins.fromJSON result != { name = "web"; ports = [ 80 443 ]; debug = false; } then "that JSON does not describe config"
  else true
