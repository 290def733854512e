# elem stops at the first match
builtins.elem 2 [ 1 2 (throw "not reached") ]
