let pkg = { outPath = "/nix/store/abc-pkg"; }; in "${pkg}/bin/tool"
