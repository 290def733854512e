# a missing attribute is not caught
builtins.tryEval ({ }.missing)
