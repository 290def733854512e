# a string with context cannot be an attribute name
{ "${./data/ctx.txt}" = 1; }
