# items with an already seen key are dropped
builtins.genericClosure { startSet = [ { key = "a"; } { key = "b"; } { key = "a"; } ]; operator = item: [ { key = "b"; } ]; }
