# the top-level value is forced to WHNF
let x = { a = 1 + 2; }; in x
