let lines = s: builtins.filter (l: builtins.isString l && l != "") (builtins.split "\n" s); in lines "one\ntwo\n\nthree\n"
