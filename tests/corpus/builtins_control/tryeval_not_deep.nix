# tryEval only evaluates to WHNF, so this succeeds
(builtins.tryEval { a = throw "hidden"; }).success
