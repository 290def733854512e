builtins.getContext (builtins.toJSON { p = "${./data/ctx.txt}"; })
