"${./data/ctx.txt}" == builtins.unsafeDiscardStringContext "${./data/ctx.txt}"
