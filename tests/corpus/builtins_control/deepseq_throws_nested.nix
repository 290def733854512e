builtins.deepSeq { a = [ { b = throw "deep"; } ]; } "done"
