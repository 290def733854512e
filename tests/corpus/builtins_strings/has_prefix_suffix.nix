let
  hasPrefix = p: s: builtins.substring 0 (builtins.stringLength p) s == p;
  hasSuffix = x: s: let ls = builtins.stringLength s; lx = builtins.stringLength x; in lx <= ls && builtins.substring (ls - lx) lx s == x;
in [ (hasPrefix "foo" "foobar") (hasPrefix "bar" "foobar") (hasSuffix "bar" "foobar") (hasSuffix "foo" "foobar") ]
