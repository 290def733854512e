# ! applies to the whole application
let id = x: x; in !id false
