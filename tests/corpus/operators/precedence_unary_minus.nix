# unary minus binds tighter than * and application binds tighter still
let f = x: x * 2; in [ (-2 * 3) (- f 3) (2 - -3) ]
