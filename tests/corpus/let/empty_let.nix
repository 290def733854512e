# a let with no bindings is allowed
let in 1
