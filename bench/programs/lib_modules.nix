# nixpkgs lib.evalModules: several modules declaring and defining options
# with types (submodules, attrsOf, listOf, enum, nullOr, port), mkIf,
# mkMerge, mkDefault, mkForce, mkBefore/mkAfter, and generated service modules
# needs: nixpkgs-lib
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  lib = import ../../../shared/third_party/nixpkgs-lib/lib;
  inherit (lib) mkOption mkIf mkMerge mkDefault mkForce mkBefore mkAfter types;
  n = if small then 3 else 300;

  core = { config, ... }: {
    options = {
      networking.hostName = mkOption { type = types.str; default = "nixos"; };
      networking.firewall.allowedTCPPorts = mkOption { type = types.listOf types.port; default = [ ]; };
      environment.etc = mkOption {
        type = types.attrsOf (types.submodule ({ name, ... }: {
          options.text = mkOption { type = types.lines; default = ""; };
          options.mode = mkOption { type = types.str; default = "0644"; };
          options.target = mkOption { type = types.str; default = name; };
        }));
        default = { };
      };
      users = mkOption {
        type = types.attrsOf (types.submodule {
          options.uid = mkOption { type = types.nullOr types.int; default = null; };
          options.shell = mkOption { type = types.enum [ "bash" "zsh" "fish" ]; default = "bash"; };
          options.groups = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
      services = mkOption {
        type = types.attrsOf (types.submodule ({ name, config, ... }: {
          options = {
            enable = mkOption { type = types.bool; default = false; };
            port = mkOption { type = types.port; };
            user = mkOption { type = types.str; default = name; };
            extraConfig = mkOption { type = types.lines; default = ""; };
            settings = mkOption { type = types.attrsOf (types.oneOf [ types.int types.str types.bool ]); default = { }; };
          };
          config.settings.listen = mkDefault "0.0.0.0:${toString config.port}";
        }));
        default = { };
      };
    };
    config = mkMerge [ {
      environment.etc."hostname".text = config.networking.hostName;
      networking.firewall.allowedTCPPorts = lib.mapAttrsToList (k: s: s.port)
        (lib.filterAttrs (k: s: s.enable) config.services);
      users = lib.mapAttrs' (k: s: lib.nameValuePair s.user { groups = [ "services" ]; })
        (lib.filterAttrs (k: s: s.enable) config.services);
    } {
      environment.etc = lib.mapAttrs' (k: s: lib.nameValuePair "${k}.conf" {
        text = lib.concatStringsSep "\n" (lib.mapAttrsToList (o: v: "${o} = ${toString v}") s.settings);
      }) (lib.filterAttrs (k: s: s.enable) config.services);
    } ];
  };

  service = i: { config, ... }: {
    services."svc${toString i}" = mkMerge [
      { port = 9000 + i; enable = mkDefault (builtins.bitAnd i 1 == 0); }
      (mkIf (builtins.bitAnd i 3 == 0) { settings.workers = i; extraConfig = mkBefore "# first"; })
      (mkIf (i > 10) { settings.verbose = true; extraConfig = mkAfter "# last ${toString i}"; })
    ];
  };

  host = { config, ... }: {
    networking.hostName = mkForce "bench";
    users.alice = { uid = 1000; shell = "zsh"; groups = [ "wheel" ]; };
    users.bob.shell = mkDefault "fish";
    environment.etc."motd" = mkIf (config.networking.hostName == "bench") { text = "hello"; };
    services."svc0".enable = true;
    services."svc1".enable = mkForce true;
    services."svc2".settings.listen = "127.0.0.1:1";
  };

  result = lib.evalModules { modules = [ core host ] ++ builtins.genList service n; };
  cfg = result.config;
in {
  ports = cfg.networking.firewall.allowedTCPPorts;
  users = lib.mapAttrs (k: u: [ u.uid u.shell u.groups ]) cfg.users;
  etc = lib.mapAttrs (k: e: builtins.hashString "sha256" e.text) cfg.environment.etc;
  extra = lib.mapAttrsToList (k: s: s.extraConfig) (lib.filterAttrs (k: s: s.extraConfig != "") cfg.services);
  host = cfg.networking.hostName;
}
