let
  versions = { nix = "2.8"; git = "2.44"; vim = "9.1"; };
in
map (name: "${name}-${versions.${name}}") (builtins.attrNames versions)
