(builtins.getAttr "stringLength" builtins) "four"
