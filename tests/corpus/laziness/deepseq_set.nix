builtins.deepSeq { a.b.c = throw "deep"; } 1
