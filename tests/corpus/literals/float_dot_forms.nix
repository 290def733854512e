# a float may start with a dot or end with one
[ .5 1. 0.5 ]
