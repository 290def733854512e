builtins.getContext "${./data/ctx.txt}"
