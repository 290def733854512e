builtins.typeOf { __functor = s: x: x; }
