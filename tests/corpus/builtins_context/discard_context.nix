builtins.hasContext (builtins.unsafeDiscardStringContext "${./data/ctx.txt}")
