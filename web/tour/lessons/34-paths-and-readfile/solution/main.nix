let
  text = builtins.readFile ./data.txt;
in
builtins.filter (x: builtins.isString x && x != "") (builtins.split "
" text)
