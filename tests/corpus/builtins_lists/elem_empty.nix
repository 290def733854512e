builtins.elem 1 [ ]
