# lib.fix ties the knot (a set that refers to its final self) and lib.extends
# layers overlays on it, the way nixpkgs is built (see 17-lib-strings for lib).
let
  lib = import <nixpkgs/lib>;
  base = self: {
    name = "demo";
    version = "1.0";
    fullName = "${self.name}-${self.version}";
  };
  bump = final: prev: { version = "2.0"; };
  rename = final: prev: { name = prev.name + "-ng"; tag = "${final.fullName}!"; };
  composed = lib.composeManyExtensions [ bump rename ];
in
{
  plain = lib.fix base;
  extended = lib.fix (lib.extends composed base);
  # later layers see the final result: `loud` follows the overlay's greeting
  greeting = lib.fix (lib.extends (final: prev: { greeting = prev.greeting + "!"; })
    (self: { greeting = "hi"; loud = lib.toUpper self.greeting; }));
}
