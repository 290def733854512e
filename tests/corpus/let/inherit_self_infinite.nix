# in the same let, "inherit x" refers to itself
let inherit x; in x
