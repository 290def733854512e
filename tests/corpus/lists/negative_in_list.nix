# -1 inside a list is a negative literal, not a subtraction
[ 1 -1 2 ]
