let
  merge = a: b:
    builtins.zipAttrsWith
      (name: values:
        if builtins.length values == 1 then builtins.head values
        else
          let x = builtins.elemAt values 0; y = builtins.elemAt values 1; in
          if builtins.isList x && builtins.isList y then x ++ y
          else if builtins.isAttrs x && builtins.isAttrs y then merge x y
          else y)
      [ a b ];

  evalModules = { options, modules }:
    let
      defined = builtins.foldl' merge { } modules;
    in
    builtins.mapAttrs (name: opt: defined.${name} or opt.default) options;
in
{
  inherit evalModules;
  example = evalModules {
    options = {
      hostName = { default = "nixos"; };
      motd = { default = ""; };
      packages = { default = [ ]; };
    };
    modules = [
      ({ config }: { motd = "Welcome to ${config.hostName}"; })
      { hostName = "box"; packages = [ "git" ]; }
      ({ config }: { packages = if config.hostName == "box" then [ "htop" ] else [ ]; })
    ];
  };
}
