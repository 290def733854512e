let
  fix = f: let x = f x; in x;
  extends = o: f: final: let prev = f final; in prev // o final prev;
  composeExtensions = f: g: final: prev: let fp = f final prev; in fp // g final (prev // fp);
  base = final: { greeting = "hello"; msg = "${final.greeting}, ${final.name}"; name = "world"; };
  o1 = final: prev: { name = "nix"; };
  o2 = final: prev: { greeting = prev.greeting + "!"; };
in (fix (extends (composeExtensions o1 o2) base)).msg
