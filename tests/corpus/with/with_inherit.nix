# inherit inside with reads through the with scope
with { a = 1; }; { inherit a; }
