let cfg = { src = ./data/hello.txt; }; in builtins.mapAttrs (n: v: baseNameOf v) cfg
