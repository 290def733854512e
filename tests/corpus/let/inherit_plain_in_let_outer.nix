# inherit x in a nested let copies the outer x
let x = 5; in let inherit x; y = x + 1; in y
