builtins.hasContext (builtins.substring 0 3 "${./data/ctx.txt}")
