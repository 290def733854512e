# tryEval does not expose the message
builtins.tryEval (throw "secret")
