# empty sets and lists are never marked as repeated
let s = { }; l = [ ]; in [ s s l l ]
