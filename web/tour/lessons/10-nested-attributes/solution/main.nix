{
  services.nginx.enable = true;
  services.nginx.port = 80;
}
