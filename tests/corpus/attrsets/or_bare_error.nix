# but 'or' alone is not an expression
let or = 1; in or
