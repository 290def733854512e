# or also covers selecting from a non-set in the middle of the path
let x = { a = 5; }; in x.a.b or "fallback"
