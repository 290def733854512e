let
  name = "nix";
  meta = { license = "LGPL-2.1"; homepage = "https://nixos.org"; };
in
{
  inherit name;
  inherit (meta) license;
}
