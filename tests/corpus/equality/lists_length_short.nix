# lists of different length are unequal without forcing elements
[ (throw "no") ] == [ ]
