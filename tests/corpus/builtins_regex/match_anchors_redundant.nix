builtins.match "^x*$" "xxx"
