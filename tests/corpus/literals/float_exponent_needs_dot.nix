# 1e20 is not a float: it is the integer 1 followed by the identifier e20
1e20
