builtins.hasContext "${./data/ctx.txt}"
