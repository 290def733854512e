# an integer literal above 2^63-1 is rejected by the lexer
9223372036854775808
