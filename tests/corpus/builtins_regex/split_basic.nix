builtins.split "," "a,b,c"
