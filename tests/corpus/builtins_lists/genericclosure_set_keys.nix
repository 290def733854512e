builtins.genericClosure { startSet = [ { key = { }; } { key = { }; } ]; operator = x: [ ]; }
