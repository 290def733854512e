let pkgs = { hello = "h"; world = "w"; }; in with pkgs; [ hello world ]
