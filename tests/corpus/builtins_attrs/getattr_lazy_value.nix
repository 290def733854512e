builtins.isFunction (builtins.getAttr "f" { f = x: throw "no"; })
