let v = { a = [ 1 "two" { three = null; } ]; b = true; }; in builtins.fromJSON (builtins.toJSON v) == v
