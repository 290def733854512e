# "builtins.add 1 -1" parses as (builtins.add 1) - 1
builtins.add 1 -1
