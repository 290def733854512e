let
  from = n: { head = n; tail = from (n + 1); };
  take = k: s: [ ];
in
take 5 (from 0)
