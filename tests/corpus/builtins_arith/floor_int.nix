[ (builtins.floor 7) (builtins.ceil (-7)) ]
