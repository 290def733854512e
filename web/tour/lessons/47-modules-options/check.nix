let t = import ../helpers.nix; in
result:
  let
    ev = result.evalModules or null;
    opts = { a = { default = 1; check = builtins.isInt; }; b = { default = [ ]; check = builtins.isList; }; };
    run = modules: ev { options = opts; inherit modules; };
    fails = modules: !(builtins.tryEval (builtins.deepSeq (run modules) true)).success;
  in
  if !(builtins.isAttrs result && builtins.isFunction ev) then "expected a set with the function evalModules"
  else if fails [ ] then "with no modules evalModules should give the defaults"
  else if run [ ] != { a = 1; b = [ ]; } then "with no modules, config should be the defaults { a = 1; b = [ ]; }, got ${t.describe (run [ ])}"
  else if run [ { b = [ 1 ]; } { b = [ 2 ]; a = 5; } ] != { a = 5; b = [ 1 2 ]; } then "definitions should be merged and replace the defaults"
  else if !(fails [ { c = 1; } ]) then "a module that defines an unknown option c should throw"
  else if !(fails [ { a = "five"; } ]) then "a = \"five\" fails the check builtins.isInt: it should throw"
  else if result.example != { hostName = "nixos"; packages = [ "git" "vim" ]; port = 2222; } then "example is ${t.describe result.example}"
  else true
