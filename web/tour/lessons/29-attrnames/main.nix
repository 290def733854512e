let
  versions = { nix = "2.8"; git = "2.44"; vim = "9.1"; };
in
builtins.attrValues versions
