# a string is not a path: concatenating a path with a list is an error
./data + [ ]
