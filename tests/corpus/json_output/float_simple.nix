# floats whose shortest form has at most 6 digits print the same in all versions
[ 1.5 0.25 (-2.5) 100.125 ]
