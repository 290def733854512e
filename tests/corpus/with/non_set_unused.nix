# the with expression is not checked when no variable is looked up through it
with 1; 2
