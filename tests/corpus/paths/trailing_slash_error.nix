# a path literal may not end in a slash
./data/
