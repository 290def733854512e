let name = "b"; in builtins.getAttr name { a = 1; b = 2; }
