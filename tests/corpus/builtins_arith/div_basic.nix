[ (builtins.div 10 3) (builtins.div (-10) 3) (builtins.div 10.0 4) (builtins.div 1 4.0) ]
