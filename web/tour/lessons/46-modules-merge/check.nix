let t = import ../helpers.nix; in
result:
  let m = result.merge or null; in
  if !(builtins.isAttrs result && result ? merge && result ? config) then "expected a set with merge and config"
  else if !(builtins.isFunction m) then "merge should be a function"
  else if m { l = [ 1 ]; } { l = [ 2 ]; } != { l = [ 1 2 ]; } then "lists should be concatenated: merge { l = [ 1 ]; } { l = [ 2 ]; } gave ${t.describe (m { l = [ 1 ]; } { l = [ 2 ]; })}"
  else if m { s.a = 1; } { s.b = 2; } != { s = { a = 1; b = 2; }; } then "sets should be merged attribute by attribute"
  else if m { x = 1; } { x = 2; } != { x = 2; } then "for other values the later one wins"
  else if m { a.b.c = [ 1 ]; } { a.b.c = [ 2 ]; a.d = 3; } != { a = { b.c = [ 1 2 ]; d = 3; }; } then "merging should go all the way down"
  else if result.config != { networking.hostName = "server"; environment.packages = [ "git" "vim" ]; services.ssh = { enable = true; port = 2222; }; }
    then "config is not the merge of the modules: ${t.describe result.config}"
  else true
