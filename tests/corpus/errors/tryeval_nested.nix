builtins.tryEval (builtins.tryEval (throw "inner")).value
