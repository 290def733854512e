let s = "${./data/ctx.txt}"; in builtins.unsafeDiscardStringContext s == s
