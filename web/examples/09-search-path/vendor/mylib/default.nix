let
  inherit (builtins) substring stringLength concatStringsSep filter isString split;
  upperFirst = s: (builtins.replaceStrings
    [ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" ]
    [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" ]
    (substring 0 1 s)) + substring 1 (stringLength s) s;
in {
  version = "1.0";
  titleCase = s: concatStringsSep " " (map upperFirst (filter isString (split " " s)));
}
