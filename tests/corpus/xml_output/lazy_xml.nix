{ a = 1; b = 1 + 1; c = [ (throw "not forced") ]; }
