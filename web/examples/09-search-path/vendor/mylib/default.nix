let
  inherit (builtins) substring stringLength concatStringsSep filter
    isString split genList replaceStrings;
  chars = s: genList (i: substring i 1 s) (stringLength s);
  lower = chars "abcdefghijklmnopqrstuvwxyz";
  upper = chars "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  upperFirst = s:
    replaceStrings lower upper (substring 0 1 s)
    + substring 1 (stringLength s) s;
in {
  version = "1.0";
  titleCase = s:
    concatStringsSep " " (map upperFirst (filter isString (split " " s)));
}
