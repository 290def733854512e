# a path cannot be concatenated with an integer
/a + 1
