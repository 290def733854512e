# -0.0 is 0 - 0.0, which is +0; a real negative zero needs a multiplication
[ (-0.0) (0.0 * -1.0) ]
