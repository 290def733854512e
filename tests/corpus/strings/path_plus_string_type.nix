builtins.typeOf (./data + "/hello.txt")
