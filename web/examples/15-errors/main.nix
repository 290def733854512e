let
  checkedPort = p: assert builtins.isInt p && p > 0 && p < 65536; p;
  safe = x: builtins.tryEval x;
in {
  ok = safe (checkedPort 443);
  failedAssert = safe (checkedPort 70000);
  thrown = safe (throw "caught by tryEval");
  # Uncomment the next line to see an uncaught error underlined in the editor:
  # broken = { port = 80; }.host;
}
