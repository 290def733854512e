# "{ }: 1" is a function, "{ }" alone is a set
[ (builtins.isFunction ({ }: 1)) (builtins.isAttrs { }) ]
