# "a / b" divides, "a/b" is a path
let a = 12; b = 4; in [ (a / b) (baseNameOf a/b) ]
