# nixpkgs lib's string functions. <nixpkgs/lib> comes from a site built with
# `./build.sh --nixpkgs-lib DIR`, or from a lib folder or zip you load with the
# "nixpkgs lib" button (kept in this browser for next time).
let
  lib = import <nixpkgs/lib>;
  inherit (lib) strings;
in
{
  joined = strings.concatMapStringsSep ", " strings.toUpper [ "nix" "lib" ];
  words = strings.splitString " " "the quick brown fox";
  padded = strings.fixedWidthString 6 "0" "42";
  trimmed = strings.removePrefix "lib/" (strings.removeSuffix ".nix" "lib/strings.nix");
  hasInfix = strings.hasInfix "brown" "the quick brown fox";
  escaped = strings.escapeShellArg "it's here";
  version = lib.versions.majorMinor "2.26.3";
  newer = lib.versionAtLeast "2.26.3" "2.8";
}
