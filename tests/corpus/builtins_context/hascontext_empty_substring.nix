# even an empty substring keeps the context
builtins.hasContext (builtins.substring 0 0 "${./data/ctx.txt}")
