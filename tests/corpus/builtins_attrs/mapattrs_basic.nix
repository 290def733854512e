builtins.mapAttrs (name: value: "${name}:${toString value}") { x = 1; y = 2; }
