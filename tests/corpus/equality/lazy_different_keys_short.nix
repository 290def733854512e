# sets with different key sets are unequal without forcing values
{ a = throw "no"; } == { b = throw "no"; }
