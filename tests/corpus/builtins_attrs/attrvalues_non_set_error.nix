builtins.attrValues [ 1 ]
