(import ./mylib/default.nix).greet "tour"
