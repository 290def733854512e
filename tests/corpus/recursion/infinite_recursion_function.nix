# recursion without a base case that is noticed as a thunk loop
let f = { x = f.x; }; in f.x
