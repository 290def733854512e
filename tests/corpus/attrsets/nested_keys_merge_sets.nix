# a.b = { ... } and a.b.c = ... merge
{ a.b = { x = 1; }; a.b.y = 2; }
