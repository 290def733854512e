# interpolation of a set with outPath uses it
let d = { type = "derivation"; outPath = "/nix/store/aaa-x"; }; in "${d}/bin"
