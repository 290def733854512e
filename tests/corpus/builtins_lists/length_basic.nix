[ (builtins.length [ ]) (builtins.length [ [ ] [ ] ]) (builtins.length (builtins.genList (x: x) 1000)) ]
