let
  users = [ "alice" "bob" ];
in
builtins.listToAttrs (map (u: { name = u; value = { home = "/home/${u}"; }; }) users)
