builtins.match "h(.*)o" "hé☃o"
