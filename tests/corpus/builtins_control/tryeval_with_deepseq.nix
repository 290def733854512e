builtins.tryEval (builtins.deepSeq { a = throw "found"; } 1)
