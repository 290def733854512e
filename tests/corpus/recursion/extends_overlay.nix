let
  fix = f: let x = f x; in x;
  extends = overlay: f: final: let prev = f final; in prev // overlay final prev;
  base = final: { a = 1; b = final.a + 10; };
  overlay = final: prev: { a = prev.a + 1; };
in fix (extends overlay base)
