let t = import ../helpers.nix; in
result:
  let
    ev = result.evalModules or null;
    opts = { a = { default = 1; }; b = { default = 0; }; };
    run = modules: ev { options = opts; inherit modules; };
    ok = modules: (builtins.tryEval (builtins.deepSeq (run modules) true)).success;
  in
  if !(builtins.isAttrs result && builtins.isFunction ev) then "expected a set with the function evalModules"
  else if !(ok [ { a = 2; } ]) || run [ { a = 2; } ] != { a = 2; b = 0; } then "plain modules should still work"
  else if !(ok [ ({ config }: { b = config.a + 1; }) ]) then "a module that is a function should be called with { config }"
  else if run [ ({ config }: { b = config.a + 1; }) ] != { a = 1; b = 2; } then "a function module should see the final config"
  else if run [ ({ config }: { b = config.a * 10; }) { a = 4; } ] != { a = 4; b = 40; } then "config must be the final configuration, including later modules"
  else if result.example != { hostName = "box"; motd = "Welcome to box"; packages = [ "htop" "git" ] ; } && result.example != { hostName = "box"; motd = "Welcome to box"; packages = [ "git" "htop" ]; }
    then "example is ${t.describe result.example}"
  else true
