# inside parentheses, "1 -1" is a subtraction
[ (1 -1) ]
