{
  name = "example";
  enabled = true;
  ports = [ 80 443 ];
  ratio = 0.5;
}
