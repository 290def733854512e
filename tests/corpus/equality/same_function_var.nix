# even the same function value is unequal when compared directly
let f = x: x; in f == f
