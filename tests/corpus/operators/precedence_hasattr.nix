# ? binds tighter than ++ and !
let s = { a = 1; }; in [ (!s ? a) (!s ? b) ]
