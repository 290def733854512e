# interpolating a path copies it to the store
"${./data/hello.txt}"
