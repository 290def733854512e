let t = import ../helpers.nix; in
result:
  let fails = port: !(builtins.tryEval (result { inherit port; })).success; in
  if !(builtins.isFunction result) then "expected a function, got ${t.describe result}"
  else if fails 80 then "port 80 should be accepted"
  else if result { port = 80; } != { port = 80; } then "it should return { port = 80; } for port 80"
  else if !(fails 0) then "port 0 should fail an assertion"
  else if !(fails 70000) then "port 70000 should fail an assertion"
  else if fails 65535 || fails 1 then "ports 1 and 65535 are valid"
  else true
