# builtins.builtins refers back to builtins
builtins.builtins.builtins ? map
