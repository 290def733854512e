# tryEval only forces to WHNF: the inner throw escapes later
builtins.tryEval [ (throw "inner") ]
