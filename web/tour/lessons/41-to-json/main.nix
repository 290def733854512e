let
  config = { name = "web"; ports = [ 80 443 ]; debug = false; };
in
config
