builtins.genericClosure { startSet = [ { key = 0; tag = "start"; } ]; operator = i: if i.key == 0 then [ { key = 1; tag = "next"; } ] else [ ]; }
