# path + string is a path
baseNameOf (./data + "/hello.txt")
