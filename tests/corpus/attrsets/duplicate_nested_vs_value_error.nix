# a set and a non-set value for the same key conflict
{ a = 1; a.b = 2; }
