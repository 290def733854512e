let
  config = builtins.readFile ./config.json;
in
config.port + 1
