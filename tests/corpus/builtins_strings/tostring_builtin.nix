map toString [ 1 "s" null true false [ 1 [ 2 ] ] ]
