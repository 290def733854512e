let
  deps = { a = [ "b" "c" ]; b = [ "d" ]; c = [ "d" ]; d = [ ]; };
in map (x: x.key) (builtins.genericClosure { startSet = [ { key = "a"; } ]; operator = item: map (k: { key = k; }) deps.${item.key}; })
