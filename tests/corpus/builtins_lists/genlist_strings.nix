builtins.genList (i: builtins.substring i 1 "hello") 5
