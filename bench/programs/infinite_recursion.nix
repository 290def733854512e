# an endless non-tail recursion: CPU time until the max-call-depth error
# expect: error
let f = x: 1 + f x; in f 0
