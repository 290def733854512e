let
  lib = import ./lib.nix;
in
lib.triple 21
