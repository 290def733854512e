builtins.hasContext (builtins.concatStringsSep "," [ "a" "${./data/ctx.txt}" ])
