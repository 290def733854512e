# 10000 nested thunks, each depending on the previous one
let chain = builtins.foldl' (acc: i: { v = acc.v + 1; }) { v = 0; } (builtins.genList (i: i) 10000); in chain.v
