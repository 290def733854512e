let
  text = builtins.readFile ./fruit.txt;
in
text
