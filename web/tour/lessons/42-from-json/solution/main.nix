let
  config = builtins.fromJSON (builtins.readFile ./config.json);
in
config.port + 1
