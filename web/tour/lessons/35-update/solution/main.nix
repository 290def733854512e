let
  defaults = {
    host = "localhost";
    port = 80;
    tls = { enable = false; cert = "/etc/cert.pem"; };
  };
in
defaults // { port = 8080; tls = defaults.tls // { enable = true; }; }
