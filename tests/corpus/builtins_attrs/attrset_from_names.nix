let names = [ "x" "y" ]; in builtins.listToAttrs (map (n: { name = n; value = n + n; }) names)
