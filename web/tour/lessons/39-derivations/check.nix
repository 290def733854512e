let t = import ../helpers.nix; in
result:
  if !(builtins.isAttrs result) then "expected a derivation, got ${t.describe result}"
  else if (result.type or null) != "derivation" then "this is a plain set: pass it to the builtin `derivation`"
  else if result.name != "hello" then "the name should be \"hello\""
  else if builtins.match "/nix/store/[0-9a-z]{32}-hello" result.outPath == null then "unexpected outPath ${result.outPath}"
  else if result.args != [ "-c" "echo hello > $out" ] then "args should be [ \"-c\" \"echo hello > $out\" ]"
  else if result.builder != "/bin/sh" || result.system != "x86_64-linux" then "check builder and system"
  else true
