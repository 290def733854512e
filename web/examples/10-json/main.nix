# Nix as a configuration language: build a structure, print it as JSON.
let
  mkUpstream = name: port: {
    inherit name;
    servers = [ "127.0.0.1:${toString port}" ];
  };
  services = { api = 8001; web = 8002; metrics = 9100; };
in {
  version = 2;
  upstreams = builtins.attrValues (builtins.mapAttrs mkUpstream services);
  tls = { enable = true; protocols = [ "TLSv1.2" "TLSv1.3" ]; };
  timeout = 2.5;
  comment = null;
}
