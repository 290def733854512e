let inner = import ./set.nix; in inner // { c = 3; }
