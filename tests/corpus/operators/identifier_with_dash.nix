# a-b is an identifier when it is bound
let a-b = "dash"; a = 1; b = 2; in a-b
