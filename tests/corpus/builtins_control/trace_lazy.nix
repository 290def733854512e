# the traced value is only printed when the trace call is forced
let t = builtins.trace "unused" 1; in 2
