builtins.genericClosure { startSet = [ { nokey = 1; } ]; operator = i: [ ]; }
