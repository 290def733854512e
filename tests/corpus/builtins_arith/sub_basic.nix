[ (builtins.sub 10 3) (builtins.sub 3 10) (builtins.sub 2.5 1) ]
