# The NixOS module system in a few lines: options with types and defaults,
# configuration merged from modules, mkIf, mkMerge, mkDefault and mkForce
# (see 17-lib-strings for how to get lib).
let
  lib = import <nixpkgs/lib>;
  inherit (lib) mkOption types mkIf mkMerge mkDefault mkForce;

  server = { config, ... }: {
    options.server = {
      enable = mkOption { type = types.bool; default = false; };
      port = mkOption { type = types.port; default = 80; };
      hosts = mkOption { type = types.listOf types.str; default = [ ]; };
      tls = mkOption { type = types.bool; default = false; };
    };
    options.firewall.allowed = mkOption { type = types.listOf types.port; default = [ ]; };
    config = mkIf config.server.enable (mkMerge [
      { firewall.allowed = [ config.server.port ]; }
      (mkIf config.server.tls { firewall.allowed = [ 443 ]; })
    ]);
  };

  site = {
    server.enable = true;
    server.port = mkDefault 8080;
    server.hosts = [ "example.org" ];
    server.tls = true;
  };

  override = { server.hosts = mkForce [ "nix.dev" ]; };

  result = lib.evalModules { modules = [ server site override ]; };
in
{
  inherit (result.config) server firewall;
}
