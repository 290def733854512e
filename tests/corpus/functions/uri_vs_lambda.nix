# x:x is a URI, x: x a function
[ (builtins.typeOf x:x) (builtins.typeOf (x: x)) ]
