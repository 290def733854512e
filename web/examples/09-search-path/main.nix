# <mylib> is looked up in the search path (Settings: mylib=/vendor/mylib),
# the way <nixpkgs> is found through NIX_PATH.
let
  mylib = import <mylib>;
in {
  location = <mylib>;
  title = mylib.titleCase "the nix language";
  version = mylib.version;
}
