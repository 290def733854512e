# builtins can be shadowed by a let binding
let map = f: l: "shadowed"; in map (x: x) [ 1 ]
