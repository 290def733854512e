let
  inherit (builtins) sort concatStringsSep match split replaceStrings
    toJSON fromJSON hashString stringLength;
  words = [ "pear" "fig" "apple" "kiwi" ];
in {
  sorted = sort (a: b: a < b) words;
  byLength = sort (a: b: stringLength a < stringLength b) words;
  joined = concatStringsSep ", " words;
  version = match "([0-9]+)\\.([0-9]+).*" "2.18.1";
  fields = builtins.filter builtins.isString (split "[,;] *" "a, b;c");
  shout = replaceStrings [ "a" "e" ] [ "A" "E" ] "readable names";
  json = toJSON { list = [ 1 2 ]; flag = true; };
  parsed = (fromJSON ''{"x": [1, 2.5, null]}'').x;
  hash = hashString "sha256" "nix";
}
