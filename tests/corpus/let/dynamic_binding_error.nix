# dynamic attribute names are not allowed in let
let k = "a"; in let ${k} = 1; in 2
