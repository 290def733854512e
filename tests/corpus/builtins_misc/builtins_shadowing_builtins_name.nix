let builtins = { length = l: 99; }; in builtins.length [ 1 ]
