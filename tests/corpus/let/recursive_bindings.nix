# let bindings see each other, in any order
let c = b * 2; b = a + 1; a = 10; in c
