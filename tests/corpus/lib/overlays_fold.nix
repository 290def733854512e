let
  fix = f: let x = f x; in x;
  composeManyExtensions = builtins.foldl' (f: g: final: prev: let fp = f final prev; in fp // g final (prev // fp)) (final: prev: { });
  base = final: { version = 1; name = "pkg-${toString final.version}"; };
  ext = composeManyExtensions [ (final: prev: { version = prev.version + 1; }) (final: prev: { version = prev.version * 10; }) ];
in (fix (final: let prev = base final; in prev // ext final prev)).name
