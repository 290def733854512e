# string + path: the path is copied to the store
"file: " + ./data/hello.txt
