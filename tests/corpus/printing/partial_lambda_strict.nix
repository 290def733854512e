# a partially applied Nix lambda is just a lambda
let f = a: b: a; in f 1
