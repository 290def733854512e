# JSON round trip: build nested data, toJSON, fromJSON, compare, and walk it
let
  small = builtins.getEnv "NIXLITE_BENCH_SMALL" == "1";
  n = if small then 50 else 15000;
  item = i: {
    id = i;
    name = "package-${toString i}";
    version = "${toString (i / 100)}.${toString (builtins.bitAnd i 15)}";
    enabled = builtins.bitAnd i 1 == 0;
    score = builtins.bitAnd i 1023 + 0.5;  # floats that print alike in Nix 2.8 and later
    tags = builtins.genList (j: "t${toString (i + j)}") 4;
    meta = { maintainers = [ "a${toString i}" "b" ]; description = "line\n\"quoted\" \\ ${toString i}"; nothing = null; };
  };
  data = { items = builtins.genList item n; count = n; };
  text = builtins.toJSON data;
  back = builtins.fromJSON text;
  again = builtins.toJSON back;
in [
  (back == data)
  (again == text)
  (builtins.stringLength text)
  (builtins.foldl' (s: x: s + x.id + builtins.length x.tags) 0 back.items)
  (builtins.hashString "sha256" again)
]
