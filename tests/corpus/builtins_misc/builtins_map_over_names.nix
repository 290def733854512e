let fns = [ "isInt" "isString" ]; in map (n: builtins.${n} 1) fns
