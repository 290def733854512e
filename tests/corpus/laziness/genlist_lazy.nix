builtins.elemAt (builtins.genList (i: if i == 2 then "two" else throw "other") 5) 2
