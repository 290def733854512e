let
  users = [ "alice" "bob" ];
in
map (u: { home = "/home/${u}"; }) users
