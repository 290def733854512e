let
  pkgs = { stdenv = "stdenv"; fetchurl = "fetchurl"; zlib = "zlib"; };
  callPackage = fn: overrides: let f = if builtins.isFunction fn then fn else import fn; in f (builtins.intersectAttrs (builtins.functionArgs f) pkgs // overrides);
in callPackage ({ stdenv, zlib, openssl ? null }: [ stdenv zlib openssl ]) { }
