# a dynamic key that evaluates to null is left out
{ ${null} = 1; b = 2; }
