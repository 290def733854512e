# both sides are derivations: extra attributes do not matter
{ type = "derivation"; outPath = "/p"; } == { type = "derivation"; outPath = "/p"; y = 1; }
