# list elements are joined with spaces, nested lists flattened
toString [ 1 "two" [ 3 [ 4 ] ] null true false 2.5 ]
