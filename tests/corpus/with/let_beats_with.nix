# a lexical binding always beats with, even an outer one
let x = "let"; in with { x = "with"; }; x
