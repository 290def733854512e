let
  users = import ./users.nix;
in
map (u: u.email) users
