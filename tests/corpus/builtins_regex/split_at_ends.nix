builtins.split "," ",a,"
