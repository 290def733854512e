# with builtins; brings all builtins into scope
with builtins; length (filter (x: x > 1) [ 1 2 3 ])
