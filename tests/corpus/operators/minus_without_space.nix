# a-b without spaces is one identifier, which is not bound here
let a = 5; b = 2; in [ (a-b) (a - b) ]
