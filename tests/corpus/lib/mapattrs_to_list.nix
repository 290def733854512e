let mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (builtins.attrNames attrs); in mapAttrsToList (k: v: "${k}=${toString v}") { port = 80; host = "h"; }
