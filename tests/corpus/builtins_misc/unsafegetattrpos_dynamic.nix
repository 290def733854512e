# ${"d"} is a static name, so it has a position
let p = builtins.unsafeGetAttrPos "d" { ${"d"} = 1; }; in [ p.line p.column ]
