builtins.hasContext ("prefix " + "${./data/ctx.txt}" + " suffix")
