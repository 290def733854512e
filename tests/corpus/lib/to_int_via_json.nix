let toInt = s: let v = builtins.fromJSON s; in if builtins.isInt v then v else throw "not an int: ${s}"; in map toInt [ "42" "-7" "0" ]
