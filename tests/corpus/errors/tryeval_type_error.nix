# a type error is not caught by tryEval
builtins.tryEval (1 + "a")
