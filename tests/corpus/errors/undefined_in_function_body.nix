# undefined variables are found at parse time even in unused code
let f = x: y; in 1
