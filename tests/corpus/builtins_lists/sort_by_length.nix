builtins.sort (a: b: builtins.stringLength a < builtins.stringLength b) [ "ccc" "a" "bb" "" ]
