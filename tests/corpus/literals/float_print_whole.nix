# whole floats print without a fractional part
[ 1.0 2.0 (-3.0) 0.0 ]
