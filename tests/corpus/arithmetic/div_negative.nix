[ (builtins.div (-9) 4) (builtins.div 9 (-4)) ]
