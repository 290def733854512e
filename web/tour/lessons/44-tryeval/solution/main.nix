let
  safeDiv = a: b: if b == 0 then throw "division by zero" else a / b;
in
map (b: let r = builtins.tryEval (safeDiv 10 b); in if r.success then r.value else null) [ 1 0 5 ]
