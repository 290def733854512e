let t = import ../helpers.nix; in
result: { source, ... }:
  if result != "Hello from mylib, tour!" then "expected \"Hello from mylib, tour!\", got ${t.describe result}"
  else if !(t.contains "<mylib>" source) then "use the lookup path <mylib>"
  else true
