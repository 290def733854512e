builtins.tryEval "fine"
