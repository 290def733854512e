# subtraction and negation in their different spellings
let x = 2; f = 10; in [ (5-3) (f -1) (1-1-1) (x*-1) (2--1) ]
