builtins.all builtins.isString [ "a" "b" "" ]
