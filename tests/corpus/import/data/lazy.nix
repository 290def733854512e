{ ok = 1; bad = throw "lazy attribute"; }
