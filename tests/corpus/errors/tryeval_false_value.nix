# a failed tryEval always has value = false
(builtins.tryEval (throw "x")).value
