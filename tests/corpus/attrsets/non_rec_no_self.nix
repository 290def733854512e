# without rec, a name refers to the outer scope
let a = 100; in { a = 1; b = a; }
