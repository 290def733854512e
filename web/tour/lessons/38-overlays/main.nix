let
  fix = f: let x = f x; in x;
  extend = base: overlay: final: let prev = base final; in prev // overlay final prev;
  base = final: { name = "nix"; greeting = "Hello, ${final.name}!"; };
  overlay = final: prev: { name = final.name + "lite"; };
in
fix (extend base overlay)
