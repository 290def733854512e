# the right operand is not evaluated when the left decides
[ (false && throw "no") (true || throw "no") (false -> throw "no") ]
