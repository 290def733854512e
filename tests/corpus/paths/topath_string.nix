# builtins.toPath returns a string
[ (builtins.toPath "/a/b") (builtins.typeOf (builtins.toPath "/a/../c")) ]
