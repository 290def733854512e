# inherit in rec reads the outer scope, not the set itself
let a = "outer"; in rec { inherit a; b = a; }
