# ? on a non-set is simply false
[ (1 ? a) ("s" ? a) (null ? a) ]
