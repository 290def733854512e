# toFile may refer to other plain store files
let a = builtins.toFile "a.txt" "A"; in builtins.toFile "b.txt" "see ${a}"
