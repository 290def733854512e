let src = { a = 1; b = 2; c = 3; }; in { inherit (src) a c; }
