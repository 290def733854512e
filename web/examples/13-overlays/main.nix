# Overlays are functions final: prev: { ... }. `prev` is the set before the
# overlay, `final` the set after every overlay: the fixpoint.
let
  fix = f: let x = f x; in x;
  extends = overlay: base: final:
    let prev = base final; in prev // overlay final prev;

  base = final: {
    greeting = "hello";
    name = "world";
    message = "${final.greeting}, ${final.name}!";
  };

  overlays = [
    (final: prev: { name = "overlays"; })
    (final: prev: { greeting = prev.greeting + " there"; })
    (final: prev: {
      shout = builtins.replaceStrings [ "!" ] [ "!!!" ] final.message;
    })
  ];

  applyAll = builtins.foldl' (acc: overlay: extends overlay acc) base;
  pkgs = fix (applyAll overlays);
in {
  inherit (pkgs) greeting name message shout;
}
