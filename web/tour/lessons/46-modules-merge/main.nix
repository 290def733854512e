rec {
  merge = a: b: a // b;

  modules = [
    { networking.hostName = "box"; environment.packages = [ "git" ]; }
    { environment.packages = [ "vim" ]; services.ssh.enable = true; }
    { services.ssh.port = 2222; networking.hostName = "server"; }
  ];

  config = builtins.foldl' merge { } modules;
}
