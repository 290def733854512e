# "or" belongs to the selection: (s.a or 1) + 1
let s = { }; in s.a or 1 + 1
