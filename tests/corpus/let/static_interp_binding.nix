# ${"a"} with a plain string literal counts as a static name
let ${"a"} = 1; in a
