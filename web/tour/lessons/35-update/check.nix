let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a set, got ${t.describe result}"
  else if (result.port or null) != 8080 then "port should be 8080"
  else if (result.host or null) != "localhost" then "host should stay \"localhost\""
  else if !(result ? tls.cert) then "tls.cert is gone: // replaced the whole tls set"
  else if result.tls != { enable = true; cert = "/etc/cert.pem"; } then "tls should be { enable = true; cert = \"/etc/cert.pem\"; }, got ${t.describe result.tls}"
  else true
