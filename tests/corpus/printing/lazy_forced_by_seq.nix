# forcing a value before printing does not change the lazy printer's view of other thunks
let s = { a = 1 + 1; b = 2 + 2; }; in builtins.seq s.a s
