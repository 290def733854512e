let bad = throw "never"; good = 42; in good
