# a thunk is evaluated once and shared; trace fires once (stderr only)
let x = builtins.trace "evaluated" 21; in x + x
