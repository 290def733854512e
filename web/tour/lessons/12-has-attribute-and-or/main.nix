let
  config = { port = 8080; };
in
{
  port = config.port;
  host = config.host;
  tls = false;
}
