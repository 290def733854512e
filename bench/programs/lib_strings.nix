# nixpkgs lib.strings (and naturalSort) on generated data: splitString,
# toUpper/toLower, concatMapStringsSep, escapeShellArg, hasPrefix/removePrefix,
# fixedWidthNumber, levenshtein, versionOlder, toPretty
# needs: nixpkgs-lib
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  lib = import ../../../shared/third_party/nixpkgs-lib/lib;
  inherit (lib) strings;
  n = if small then 20 else 5000;
  words = builtins.genList (i: "word${toString (i * 37 - i / 3 * 100)}-Part_${toString (builtins.bitAnd i 7)}") n;
  csv = builtins.concatStringsSep "," words;
  split = strings.splitString "," csv;
  upper = map strings.toUpper split;
  lower = map strings.toLower upper;
  padded = map (i: strings.fixedWidthNumber 6 i) (builtins.genList (i: i * 13) n);
  shell = strings.concatMapStringsSep " " strings.escapeShellArg (map (w: "it's ${w}") words);
  stripped = map (w: strings.removePrefix "word" w) (builtins.filter (strings.hasPrefix "word1") words);
  sorted = lib.naturalSort (map (w: builtins.replaceStrings [ "word" ] [ "disk" ] w) words);
  versions = builtins.genList (i: "${toString (i / 10)}.${toString (builtins.bitAnd i 7)}.${toString i}") (n / 2);
  older = builtins.length (builtins.filter (v: strings.versionOlder v "20.3") versions);
  dist = builtins.genList (i: strings.levenshtein (builtins.elemAt words i) (builtins.elemAt words (i + 1))) (n / 20);
  pretty = builtins.hashString "sha256" (lib.generators.toPretty { } { inherit dist older; sample = lib.take 5 sorted; });
in [
  (lower == map strings.toLower words)
  (builtins.stringLength shell)
  (builtins.length stripped)
  (builtins.elemAt padded (n - 1))
  (builtins.hashString "sha256" (builtins.concatStringsSep "|" sorted))
  older
  pretty
]
