# interpolating an integer is an error (toString is needed)
"n = ${1}"
