# for compatibility, 'or' may be a function argument (a variable)
let f = x: x + 1; or = 2; in f or
