[ (toString 5) ]
