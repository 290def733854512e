let inner = { __functor = self: a: b: a * b; }; in inner 6 7
