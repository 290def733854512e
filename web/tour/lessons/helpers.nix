# Helpers for the checks of the tour's lessons: `import ./helpers.nix` from a
# check.nix. They describe a learner's value in words, so a check can say
# "expected a list of 3 names, got a set with attributes a, b".
let
  join = sep: list: builtins.concatStringsSep sep list;
  plural = n: word: "${toString n} ${word}${if n == 1 then "" else "s"}";
in
rec {
  inherit join plural;

  # numbers, strings, Booleans and null as Nix writes them
  simple = v: builtins.elem (builtins.typeOf v) [ "int" "float" "string" "bool" "null" ];
  show = v:
    if builtins.isString v then builtins.toJSON (builtins.unsafeDiscardStringContext v)
    else if builtins.isBool v then (if v then "true" else "false")
    else if v == null then "null"
    else builtins.toJSON v;

  # "the integer 5", "a list of 3 elements", "a set with attributes a, b", ...
  describe = v:
    let t = builtins.typeOf v; in
    if t == "int" then "the integer ${toString v}"
    else if t == "float" then "the float ${builtins.toJSON v}"
    else if t == "string" then "the string ${builtins.toJSON (builtins.unsafeDiscardStringContext v)}"
    else if t == "bool" then (if v then "true" else "false")
    else if t == "null" then "null"
    else if t == "list" then
      (if v == [ ] then "an empty list"
       else if builtins.length v <= 6 && builtins.all simple v then "the list [ ${join " " (map show v)} ]"
       else "a list of ${plural (builtins.length v) "element"}")
    else if t == "lambda" then "a function"
    else if t == "path" then "the path ${toString v}"
    else if t == "set" then
      (if (v.type or null) == "derivation" then "a derivation"
       else if v == { } then "an empty set"
       else "a set with the attributes ${join ", " (builtins.attrNames v)}")
    else t;

  # whether `needle` occurs in the string `hay`
  contains = needle: hay: builtins.replaceStrings [ needle ] [ "" ] hay != hay;

  # the first failing check of a list of { ok, message }, or true
  all = checks:
    let bad = builtins.filter (c: !c.ok) checks; in
    if bad == [ ] then true else (builtins.head bad).message;
}
