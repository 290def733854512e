let
  a = { val = 1; next = b; };
  b = { val = 2; next = a; };
in [ a.val a.next.val a.next.next.val a.next.next.next.val ]
