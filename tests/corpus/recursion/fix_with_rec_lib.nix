let
  lib = { fix = f: let x = f x; in x; };
  pkgs = lib.fix (self: { libA = "A"; app = "app uses ${self.libA}"; });
in pkgs.app
