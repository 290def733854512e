let
  safeDiv = a: b: if b == 0 then throw "division by zero" else a / b;
in
map (b: safeDiv 10 b) [ 1 0 5 ]
