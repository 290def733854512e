let
  config = { port = 8080; };
in
{
  port = config.port or 80;
  host = config.host or "localhost";
  tls = config ? tls;
}
