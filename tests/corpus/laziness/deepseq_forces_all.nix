builtins.deepSeq [ 1 [ (throw "deep") ] ] "not reached"
