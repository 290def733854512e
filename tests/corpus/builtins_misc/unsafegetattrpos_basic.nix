let s = {
  a = 1;
    b = 2;
}; in map (n: let p = builtins.unsafeGetAttrPos n s; in [ p.line p.column ]) [ "a" "b" ]
