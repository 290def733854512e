# which builtins keep the positions of attributes (unsafeGetAttrPos):
# mapAttrs and listToAttrs make new ones (null), intersectAttrs keeps the
# second set's, // and removeAttrs keep theirs
let
  pos = n: s: let p = builtins.unsafeGetAttrPos n s; in if p == null then null else { inherit (p) line column; };
in [
  (pos "a" (builtins.mapAttrs (n: v: v) { a = 1; }))
  (pos "a" (builtins.listToAttrs [ { name = "a"; value = 1; } ]))
  (pos "a" (builtins.intersectAttrs { a = 1; } {
    a = 2; }))
  (pos "a" ({ a = 1; } // { b = 2; }))
  (pos "a" (builtins.removeAttrs { a = 1; c = 1; } [ "c" ]))
]
