# but the same function inside two lists compares equal (pointer shortcut)
let f = x: x; in [ f ] == [ f ]
