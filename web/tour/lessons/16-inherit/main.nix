let
  name = "nix";
  meta = { license = "LGPL-2.1"; homepage = "https://nixos.org"; };
in
{
  name = "nix";
  license = "LGPL-2.1";
}
