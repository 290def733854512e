map (p: p.a -> p.b) [ { a = true; b = true; } { a = true; b = false; } { a = false; b = true; } { a = false; b = false; } ]
