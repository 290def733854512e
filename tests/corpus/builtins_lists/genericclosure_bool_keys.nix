builtins.genericClosure { startSet = [ { key = true; } { key = true; } ]; operator = x: [ ]; }
