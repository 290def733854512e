# string building: interpolation, concatStringsSep, replaceStrings, substring
let
  parts = builtins.genList (i: "item-${toString i}") 20000;
  joined = builtins.concatStringsSep "," parts;
  replaced = builtins.replaceStrings [ "item" ] [ "x" ] joined;
  go = i: acc: if i == 0 then acc else go (i - 1) (acc + builtins.substring 0 1 (toString i));
in builtins.stringLength replaced + builtins.stringLength (go 10000 "")
