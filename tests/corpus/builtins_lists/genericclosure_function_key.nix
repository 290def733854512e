builtins.genericClosure { startSet = [ { key = "a"; } { key = x: x; } ]; operator = x: [ ]; }
