# infinite recursion is not caught by tryEval
builtins.tryEval (let x = x; in x)
