baseNameOf /x/y/z.nix
