"n = ${null}"
