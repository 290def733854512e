builtins.toXML { l = [ { n = 1; } ]; }
