# nixpkgs lib.generators on a generated configuration: toPretty, toINI,
# toKeyValue, toGitINI, toLua, toYAML (JSON), toPlist, toDhall
# needs: nixpkgs-lib
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  lib = import ../../../shared/third_party/nixpkgs-lib/lib;
  inherit (lib) generators;
  n = if small then 5 else 700;
  section = i: {
    name = "section-${toString i}";
    value = {
      enabled = builtins.bitAnd i 1 == 0;
      port = 8000 + i;
      host = "host${toString i}.example.org";
      path = "/srv/data/${toString i}";
      ratio = 1;
    };
  };
  ini = builtins.listToAttrs (builtins.genList section n);
  nested = builtins.genList (i: { id = i; tags = [ "a" "b${toString i}" ]; opts = { x = i; y = "v${toString i}"; z = null; }; }) n;
  outputs = {
    pretty = generators.toPretty { } nested;
    prettyMulti = generators.toPretty { multiline = false; } ini;
    ini = generators.toINI { } ini;
    kv = generators.toKeyValue { } (ini."section-1");
    git = generators.toGitINI { core = { editor = "vim"; }; remote = builtins.mapAttrs (k: v: { url = v.host; }) ini; };
    lua = generators.toLua { } nested;
    yaml = generators.toYAML { } nested;
    plist = generators.toPlist { escape = true; } { items = nested; };
    dhall = generators.toDhall { } (map (x: x // { opts = removeAttrs x.opts [ "z" ]; }) nested);
  };
in builtins.mapAttrs (k: v: [ (builtins.stringLength v) (builtins.hashString "sha256" v) ]) outputs
