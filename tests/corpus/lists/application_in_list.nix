# application binds tighter than list juxtaposition only inside parentheses
let f = x: x * 2; in [ f 3 (f 3) ]
