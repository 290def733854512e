# ${"a"} with a plain string literal is a static key, so this is a duplicate
{ ${"a"} = 1; a = 2; }
