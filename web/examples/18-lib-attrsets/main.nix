# nixpkgs lib's attribute set functions (see 17-lib-strings for how to get lib).
let
  lib = import <nixpkgs/lib>;
  inherit (lib) attrsets;
  packages = {
    hello = { version = "2.12"; broken = false; };
    cowsay = { version = "3.7"; broken = true; };
    jq = { version = "1.7"; broken = false; };
  };
in
{
  working = attrsets.attrNames (attrsets.filterAttrs (_: p: !p.broken) packages);
  versions = attrsets.mapAttrs (_: p: p.version) packages;
  renamed = attrsets.mapAttrs' (n: p: attrsets.nameValuePair "pkg-${n}" p.version) packages;
  merged = attrsets.recursiveUpdate { a.b = 1; a.c = 2; } { a.c = 3; d = 4; };
  deep = attrsets.attrByPath [ "a" "b" "c" ] "none" { a.b.c = "found"; };
  missing = attrsets.attrByPath [ "a" "x" ] "none" { a.b = 1; };
  listed = attrsets.mapAttrsToList (n: p: "${n}-${p.version}") packages;
  set = attrsets.setAttrByPath [ "services" "nginx" "enable" ] true;
}
