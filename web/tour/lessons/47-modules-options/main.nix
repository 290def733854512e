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
    builtins.foldl' merge { } modules;
in
{
  inherit evalModules;
  example = evalModules {
    options = {
      hostName = { default = "nixos"; check = builtins.isString; };
      packages = { default = [ ]; check = builtins.isList; };
      port = { default = 22; check = builtins.isInt; };
    };
    modules = [
      { packages = [ "git" ]; }
      { packages = [ "vim" ]; port = 2222; }
    ];
  };
}
