let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if result != { port = 8080; host = "localhost"; tls = false; } then "expected { port = 8080; host = \"localhost\"; tls = false; }, got ${t.describe result}"
  else if !(t.contains " or " source) then "use `or` for the defaults"
  else if !(t.contains "config ? tls" source) then "compute tls with `config ? tls`"
  else true
