args@{ name, ... }:
"${name} has ${toString (builtins.length (builtins.attrNames args))} attributes"
