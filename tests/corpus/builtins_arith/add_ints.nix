[ (builtins.add 1 2) (builtins.add (-5) 5) (builtins.add 0 0) ]
