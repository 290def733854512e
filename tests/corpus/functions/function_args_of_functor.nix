# functionArgs does not accept a set with __functor
builtins.functionArgs { __functor = self: { a, b ? 1 }: a; }
