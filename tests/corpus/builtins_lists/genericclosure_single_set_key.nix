builtins.genericClosure { startSet = [ { key = { }; } ]; operator = x: [ ]; }
