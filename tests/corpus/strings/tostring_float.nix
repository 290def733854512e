# toString of a float uses six fixed decimals, unlike printing
[ (toString 1.5) (toString 0.1) (toString 1.0e-7) (toString 123456789.0) ]
