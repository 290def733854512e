rec {
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

  modules = [
    { networking.hostName = "box"; environment.packages = [ "git" ]; }
    { environment.packages = [ "vim" ]; services.ssh.enable = true; }
    { services.ssh.port = 2222; networking.hostName = "server"; }
  ];

  config = builtins.foldl' merge { } modules;
}
