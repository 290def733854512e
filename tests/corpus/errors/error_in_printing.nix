# an error only found while printing the result
[ 1 2 (builtins.elemAt [ ] 0) ]
