"Hello" + ", " + "Nix" + "!"
