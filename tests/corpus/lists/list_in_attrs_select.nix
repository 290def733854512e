let s = { l = [ { x = 1; } ]; }; in (builtins.head s.l).x
