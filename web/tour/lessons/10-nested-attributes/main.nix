{
  services = { };
}
