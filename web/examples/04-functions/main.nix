let
  add = a: b: a + b;          # a function returning a function
  increment = add 1;          # partial application

  # The shape of most nixpkgs functions: a set pattern with defaults.
  mkUser = { name, uid ? 1000, shell ? "/bin/sh", ... }@args:
    let
      groups = args.groups or [ ];
      joined = builtins.concatStringsSep "," groups;
      suffix = if groups == [ ] then "" else ":${joined}";
    in
      "${name}:${toString uid}:${shell}${suffix}";
in {
  three = increment 2;
  composed = (f: g: x: f (g x)) increment (x: x * 10) 4;
  users = map mkUser [
    { name = "alice"; }
    { name = "bob"; uid = 1001; shell = "/bin/bash";
      groups = [ "wheel" "audio" ]; }
  ];
}
