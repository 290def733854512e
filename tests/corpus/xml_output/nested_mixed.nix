{ list = [ { n = 1; } { n = 2; } ]; str = "s"; }
