# a dynamic key is not visible to the other bindings of rec
let k = "x"; in rec { ${k} = 1; y = 2; }
