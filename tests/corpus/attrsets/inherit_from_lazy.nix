# inherit (e) does not evaluate e until an attribute is needed
let s = { inherit (throw "never") a; b = 1; }; in s.b
