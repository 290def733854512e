builtins.deepSeq { a = [ 1 2 ]; b.c = "x"; } "all fine"
