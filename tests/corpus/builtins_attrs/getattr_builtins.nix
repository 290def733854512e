(builtins.getAttr "length" builtins) [ 1 2 ]
