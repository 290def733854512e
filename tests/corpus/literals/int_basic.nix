# plain integers, zero and a negated literal
[ 0 1 42 1000000 (-7) ]
