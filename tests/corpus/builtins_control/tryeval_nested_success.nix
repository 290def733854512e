(builtins.tryEval (builtins.tryEval (throw "in")).success).value
