let
  lib = import ./lib.nix;
in
lib.double 21
