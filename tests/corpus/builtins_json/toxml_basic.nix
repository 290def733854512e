builtins.toXML { a = 1; b = "s"; }
