[ (toString 0) (toString 42) (toString (-5)) ]
