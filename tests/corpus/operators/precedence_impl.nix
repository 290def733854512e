# -> is right-associative and binds weaker than ||
[ (false -> false -> false) (true || false -> false) ]
