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
      unknown = builtins.filter (n: !(options ? ${n})) (builtins.attrNames defined);
    in
    if unknown != [ ] then throw "the option '${builtins.head unknown}' does not exist"
    else builtins.mapAttrs
      (name: opt:
        let v = defined.${name} or opt.default; in
        if opt.check v then v else throw "the option '${name}' has a value of the wrong type")
      options;
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
