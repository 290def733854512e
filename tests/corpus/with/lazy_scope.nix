# the with expression is only evaluated when a variable is looked up
with (throw "unused"); 42
