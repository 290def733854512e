# string building: interpolation, concatStringsSep, replaceStrings, substring,
# split, string accumulation in a loop
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 200 else 80000;
  parts = builtins.genList (i: "item-${toString i}") n;
  joined = builtins.concatStringsSep "," parts;
  replaced = builtins.replaceStrings [ "item" "-" ] [ "x" "_" ] joined;
  pieces = builtins.filter builtins.isString (builtins.split "," replaced);
  go = i: acc: if i == 0 then acc else go (i - 1) (acc + builtins.substring 0 1 (toString i));
  lines = builtins.concatStringsSep "\n" (map (p: "  ${p} = \"${builtins.substring 2 10 p}\";") pieces);
in [
  (builtins.stringLength replaced)
  (builtins.length pieces)
  (builtins.stringLength (go (n / 4) ""))
  (builtins.hashString "sha256" lines)
]
