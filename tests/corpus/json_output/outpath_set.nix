# a set with outPath is written as that string
{ pkg = { outPath = "/nix/store/abc-pkg"; name = "pkg"; }; }
