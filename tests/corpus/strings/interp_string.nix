let who = "nix"; in "hello ${who}!"
