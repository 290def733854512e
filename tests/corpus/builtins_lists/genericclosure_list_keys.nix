builtins.genericClosure { startSet = [ { key = [ 1 ]; } { key = [ 2 ]; } { key = [ 1 ]; } ]; operator = x: [ ]; }
